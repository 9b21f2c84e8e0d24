"use strict";
// The card's education rows in admin (cards/admin_forms.py, templates/admin/widgets/education_rows.html):
// shows the Add and Remove buttons and does what they say. Without JavaScript the table offers
// empty rows to fill, and a row left empty is dropped when the card is saved.
document.addEventListener("DOMContentLoaded", () => {
  for (const widget of document.querySelectorAll("[data-rows-widget]")) {
    const tbody = widget.querySelector("tbody");
    const newRow = widget.querySelector("template");
    for (const button of widget.querySelectorAll("[data-rows-add], tbody [data-rows-remove]")) {
      button.hidden = false;
    }
    widget.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-rows-remove]");
      if (remove) {
        remove.closest("tr").remove();
        return;
      }
      if (event.target.closest("[data-rows-add]")) {
        const index = Number(widget.dataset.nextIndex);
        widget.dataset.nextIndex = String(index + 1);
        const row = newRow.content.firstElementChild.cloneNode(true);
        for (const input of row.querySelectorAll("[name]")) {
          input.name = input.name.replace("__index__", String(index));
        }
        tbody.append(row);
        row.querySelector("textarea").focus();
      }
    });
  }
});
