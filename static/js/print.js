// The Print button of templates/includes/print_button.html: shown only when this script runs.
document.querySelectorAll("[data-print-action]").forEach((action) => {
  action.querySelector("button").addEventListener("click", () => window.print());
  action.hidden = false;
});
