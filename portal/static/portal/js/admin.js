// The admin's own small additions (static, no inline script):
// 1. a Jalali date picker (@majidh1/jalalidatepicker, bundled under portal/vendor/) on every date field
//    (JalaliDateInput renders data-jdp). Typing still works — ۱۴۰۴/۰۶/۲۳ or 1404-06-23 — and the
//    server parses what is typed; the picker writes 1404/06/23, shown again in Persian digits when
//    the field is left. Escape closes it, Tab moves on.
// 2. Persian labels for the screen-reader-only «Search» buttons Wagtail hard-codes in its templates.
(function () {
  "use strict";
  var LATIN = "0123456789";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";

  function convert(text, from, to) {
    return text.replace(/[0-9۰-۹]/g, function (digit) {
      var index = from.indexOf(digit);
      return index < 0 ? digit : to.charAt(index);
    });
  }

  function isDateField(element) {
    return element && element.matches && element.matches("input[data-jdp]");
  }

  // Before the picker (listening on body) reads the field: Latin digits, «-» as «/».
  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (!isDateField(input)) return;
    var latin = convert(input.value, PERSIAN, LATIN).replace(/-/g, "/");
    if (latin !== input.value) {
      input.value = latin;
      input.select();  // as focusing a field does: typing replaces the date
    }
  }, true);

  function showPersian(event) {
    var input = event.target;
    if (isDateField(input) && document.activeElement !== input) input.value = convert(input.value, LATIN, PERSIAN);
  }
  document.addEventListener("focusout", showPersian);
  document.addEventListener("change", showPersian);  // a day picked with the mouse, focus elsewhere

  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab" && isDateField(event.target) && window.jalaliDatepicker) {
      window.jalaliDatepicker.hide();
    }
  });

  function start() {
    if (window.jalaliDatepicker) {
      window.jalaliDatepicker.startWatch({
        selector: "input[data-jdp]",
        autoReadOnlyInput: false,
        showCloseBtn: true,
        persianDigits: true,
        zIndex: 1000
      });
    }
    document.querySelectorAll('input[type="submit"][value="Search"]').forEach(function (button) {
      button.value = "جست‌وجو";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
