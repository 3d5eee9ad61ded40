// cma-wagtail progressive enhancement: everything works without this file.
(function () {
  "use strict";
  // Dismissible crisis banner: hidden for the rest of the visit once closed.
  document.querySelectorAll("[data-cma-dismiss]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-cma-dismiss"));
    if (!target) return;
    // The key changes with the message, so a new message shows again after a dismissal.
    var key = "cma-dismissed:" + target.id + ":" + (button.getAttribute("data-cma-dismiss-key") || "");
    try {
      if (window.sessionStorage.getItem(key)) { target.hidden = true; return; }
    } catch (e) { /* storage disabled: keep the banner */ }
    button.hidden = false;
    button.addEventListener("click", function () {
      target.hidden = true;
      try { window.sessionStorage.setItem(key, "1"); } catch (e) { /* ignore */ }
      var main = document.getElementById("main");
      if (main) { main.setAttribute("tabindex", "-1"); main.focus(); }
    });
  });
  // Move focus to an error summary so screen-reader users hear the problems first.
  var summary = document.querySelector(".cma-error-summary");
  if (summary) summary.focus();
})();
