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
  // Move focus to an error summary so screen-reader users hear the problems first. Again
  // once the page has loaded: scrolling to the URL's #fragment (the form's anchor) moves the
  // focus to the page itself.
  var summary = document.querySelector(".cma-error-summary");
  if (summary) {
    summary.focus();
    window.addEventListener("load", function () {
      if (document.activeElement === document.body) summary.focus();
    });
    // A link of the summary moves the focus into its field (not only the scroll).
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView({block: "center"});
      field.focus();
    });
  }
})();
