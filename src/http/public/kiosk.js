// Kiosk mode of the public survey: after a stretch without input (or a few seconds on the
// thank-you page) the page starts over, so the next patron never sees the last one's
// answers. Same origin, no storage, no network but the reload itself.
(function () {
  var body = document.body;
  var url = body.getAttribute('data-reset-url');
  var seconds = Number(body.getAttribute('data-reset-seconds')) || 90;
  if (!url) return;
  var timer = null;
  function arm() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { location.replace(url); }, seconds * 1000);
  }
  ['pointerdown', 'keydown', 'input', 'touchstart', 'scroll'].forEach(function (e) {
    document.addEventListener(e, arm, { passive: true });
  });
  // Back from another page (bfcache) starts a fresh form too.
  window.addEventListener('pageshow', function (e) { if (e.persisted) location.replace(url); });
  document.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  arm();
})();
