/*
 * The comparison picker's type-ahead (templates/includes/compare_picker.html).
 *
 * Without this script the picker is a plain GET form: "Find" lists the matching cards with
 * checkboxes. With it, the name field becomes an ARIA 1.2 combobox: as one types, suggestions
 * come from the form's data-suggest-url (/<lang>/compare/suggest/?q=…), in a listbox under the
 * field; the up and down arrows move through them, Enter or a click adds the card to the chosen
 * ones (a ticked checkbox, as the server renders it), Escape closes the list. The words shown
 * come from the server in the page language: the suggestions' JSON and the form's data-text-*.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MIN_CHARS = 2;

  function init(form) {
    var input = form.querySelector("#compare-picker-q");
    var chosenSet = form.querySelector(".compare-chosen");
    var chosenList = form.querySelector("#compare-chosen-list");
    var status = form.querySelector("#compare-picker-status");
    var compareButton = form.querySelector(".compare-submit");
    if (!input || !chosenList || !window.fetch) return;

    var maxCards = parseInt(form.dataset.maxCards, 10) || 4;
    var listbox = document.createElement("ul");
    listbox.id = "compare-suggestions";
    listbox.className = "compare-suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    var label = form.querySelector('label[for="compare-picker-q"]');
    if (label) {
      label.id = label.id || "compare-picker-q-label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    input.parentNode.appendChild(listbox);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function say(text) {
      // Cleared first, so that the same words said twice are announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function chosenReferences() {
      return Array.prototype.map.call(form.querySelectorAll('input[name="cards"]:checked'), function (box) {
        return box.value;
      });
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!suggestions.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = listbox.querySelectorAll('[role="option"]');
      if (!options.length) return;
      active = (index + options.length) % options.length;
      Array.prototype.forEach.call(options, function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function nameElement(item) {
      var name = document.createElement("span");
      name.lang = item.name_language;
      name.textContent = item.name;
      return name;
    }

    function factsElement(item) {
      var facts = document.createElement("span");
      facts.className = "compare-pick-facts";
      facts.textContent = "· " + item.facts + (item.mark ? " (" + item.mark + ")" : "");
      return facts;
    }

    function render(items) {
      suggestions = items;
      active = -1;
      listbox.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = "compare-suggestion-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.reference = item.reference;
        option.appendChild(nameElement(item));
        option.appendChild(document.createTextNode(" "));
        option.appendChild(factsElement(item));
        listbox.appendChild(option);
      });
      if (items.length) {
        open();
        say(form.dataset.textCount.replace("{n}", items.length));
      } else {
        close();
        say(form.dataset.textNone);
      }
    }

    function lookUp() {
      var query = input.value.trim();
      if (pending) pending.abort();
      if (query.length < MIN_CHARS) {
        suggestions = [];
        close();
        return;
      }
      pending = new AbortController();
      var url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(query) +
        "&selection=" + encodeURIComponent(chosenReferences().join(","));
      fetch(url, { headers: { Accept: "application/json" }, signal: pending.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") close();
        });
    }

    function pick(item) {
      var existing = form.querySelector('input[name="cards"][value="' + CSS.escape(item.reference) + '"]');
      if (!existing && chosenReferences().length >= maxCards) {
        say(form.dataset.textFull);
        return;
      }
      if (existing) {
        existing.checked = true;
      } else {
        chosenList.appendChild(chosenItem(item));
        chosenSet.hidden = false;
      }
      input.value = "";
      suggestions = [];
      close();
      say(form.dataset.textAdded + " " + item.name + " " + item.facts);
      input.focus();
    }

    function chosenItem(item) {
      // The markup of templates/includes/compare_pick_item.html.
      var li = document.createElement("li");
      li.className = "compare-pick-item";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "cards";
      box.value = item.reference;
      box.id = item.id;
      box.checked = true;
      var boxLabel = document.createElement("label");
      boxLabel.htmlFor = item.id;
      boxLabel.appendChild(nameElement(item));
      boxLabel.appendChild(document.createTextNode(" "));
      boxLabel.appendChild(factsElement(item));
      var link = document.createElement("a");
      link.href = item.url;
      link.className = "compare-pick-open";
      link.textContent = form.dataset.textOpen;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + item.name;
      link.appendChild(hidden);
      li.appendChild(box);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(boxLabel);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link);
      return li;
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!suggestions.length) return;
          event.preventDefault();
          if (!isOpen) open();
          highlight(active + 1);
          break;
        case "ArrowUp":
          if (!suggestions.length) return;
          event.preventDefault();
          if (!isOpen) open();
          highlight(active < 0 ? -1 : active - 1);
          break;
        case "Enter":
          if (isOpen && active >= 0) {
            event.preventDefault();
            pick(suggestions[active]);
          } else if (!input.value.trim() && chosenReferences().length >= 2 && compareButton) {
            // An empty field has nothing to find: Enter compares the chosen cards.
            event.preventDefault();
            form.requestSubmit ? form.requestSubmit(compareButton) : compareButton.click();
          }
          break;
        case "Escape":
          if (isOpen) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            suggestions = [];
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () { close(); });
    // Keep the focus in the field while a suggestion is clicked.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (!option) return;
      var index = Array.prototype.indexOf.call(listbox.children, option);
      if (suggestions[index]) pick(suggestions[index]);
    });
  }

  function start() {
    var form = document.getElementById("compare-picker");
    if (form) init(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
