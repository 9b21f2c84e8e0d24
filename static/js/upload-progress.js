// The admin upload of an order (templates/admin/importers/upload.html): the upload's real progress,
// then a note while the server reads the file. Without this script the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var box = document.getElementById(form.getAttribute("data-progress"));
  var bar = box.querySelector("progress");
  var text = box.querySelector("[role=status]");

  function say(message) {
    text.textContent = message;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    box.hidden = false;
    bar.value = 0;
    say(text.getAttribute("data-uploading") + " 0 %");
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      say(text.getAttribute("data-uploading") + " " + percent + " %");
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value"); // indeterminate: the server is reading the file
      say(text.getAttribute("data-reading"));
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (ignored) {
        answer = {};
      }
      if (request.status === 200 && answer.preview) {
        window.location.assign(answer.preview); // the preview page parses and compares the file
        return;
      }
      box.hidden = false;
      bar.value = 0;
      say((answer.errors && answer.errors.join(" ")) || text.getAttribute("data-failed"));
    });
    request.addEventListener("error", function () {
      say(text.getAttribute("data-failed"));
    });
    request.send(new FormData(form));
  });
})();
