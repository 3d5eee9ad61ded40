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
// Company look-up: once a valid SIRET is typed, say which business the directory knows
// under it, for the artisan to confirm. The form is sent the same with or without it.
(function () {
  "use strict";
  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = +digits[digits.length - 1 - i];
      if (i % 2) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }
  document.querySelectorAll("input[data-cma-company-url]").forEach(function (input) {
    var hint = document.createElement("p");
    hint.className = "cma-field__help cma-company-hint";
    hint.setAttribute("aria-live", "polite");
    hint.hidden = true;
    input.insertAdjacentElement("afterend", hint);
    var asked = "";
    function show(text) { hint.textContent = text; hint.hidden = !text; }
    function lookUp() {
      var siret = input.value.replace(/\D/g, "");
      if (siret === asked) return;
      asked = siret;
      if (siret.length !== 14 || !(luhn(siret) || siret.indexOf("356000000") === 0)) { show(""); return; }
      var url = input.getAttribute("data-cma-company-url").replace("SIRET", siret);
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "omit"}).then(function (response) {
        if (siret !== asked) return null;
        if (response.status === 404) { show(input.getAttribute("data-cma-company-unknown")); return null; }
        return response.ok ? response.json() : null;
      }).then(function (company) {
        if (!company || siret !== asked) return;
        var details = [company.activity, company.commune].filter(Boolean).join(", ");
        var text = input.getAttribute("data-cma-company-found") + " " + company.name + (details ? " — " + details : "");
        if (company.closed) text += " (" + input.getAttribute("data-cma-company-closed") + ")";
        show(text);
      }).catch(function () { show(""); });
    }
    input.addEventListener("change", lookUp);
    input.addEventListener("blur", lookUp);
  });
})();

// Main menu: on wide screens the list always shows. Browsers with ::details-content do it in
// CSS; for the others, keep the <details> open above 48rem (without JS it is a "Menu" button).
(function () {
  var menu = document.querySelector("[data-cma-menu]");
  if (!menu || !window.matchMedia) return;
  var supports = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (supports) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function sync() { if (wide.matches) menu.open = true; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
})();

// Callback journey: a "Be called back" link (#cma-callback-…) lands on the form's heading
// without JavaScript; with it, the focus goes to what matters there: the confirmation, the
// time trap's notice or the error summary if shown, else the form's first field. And a
// form's day field shows only when "on a day of my choice" is chosen (without JavaScript
// it is shown, and ignored unless that slot is chosen).
(function () {
  "use strict";
  function focusCallback(section) {
    if (!section) return false;
    var target = section.querySelector(".cma-callback__confirmation, .cma-error-summary, .cma-form-notice") ||
      section.querySelector(".cma-callback__form input:not([type=hidden]):not([tabindex='-1']), .cma-callback__form select, .cma-callback__form textarea");
    if (!target) return false;
    section.scrollIntoView({block: "start"});
    target.focus({preventScroll: true});
    return true;
  }
  function sectionFor(hash) {
    if (!hash || hash.indexOf("#cma-callback") !== 0) return null;
    var element = document.getElementById(decodeURIComponent(hash.slice(1)));
    return element && element.hasAttribute("data-cma-callback") ? element : null;
  }
  function fromLocation() { return focusCallback(sectionFor(window.location.hash)); }
  if (!fromLocation()) {
    // Not a callback fragment: a time trap notice alone (no error summary) takes the focus.
    var notice = document.querySelector(".cma-form-notice");
    if (notice && !document.querySelector(".cma-error-summary")) notice.focus();
  }
  window.addEventListener("load", function () {
    // Scrolling to the #fragment may move the focus to the page or to the section itself.
    var active = document.activeElement;
    if (active === document.body || (active && active.hasAttribute("data-cma-callback"))) fromLocation();
  });
  window.addEventListener("hashchange", fromLocation);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#cma-callback']");
    if (!link || link.pathname !== window.location.pathname || link.search !== window.location.search) return;
    var section = sectionFor(link.hash);
    if (!section) return;
    event.preventDefault();
    if (window.location.hash !== link.hash) history.pushState(null, "", link.hash);
    focusCallback(section);
  });
  document.querySelectorAll("[data-cma-show-when]").forEach(function (wrapper) {
    var rule = wrapper.getAttribute("data-cma-show-when").split("=");
    var form = wrapper.closest("form");
    if (!form || rule.length !== 2) return;
    var radios = form.querySelectorAll("input[name='" + rule[0] + "']");
    function update() {
      var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
      wrapper.hidden = !(chosen && chosen.value === rule[1]);
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });
})();
