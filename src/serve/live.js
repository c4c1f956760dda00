// errdocs serve: reloads the page when a rebuild changed it. Injected by the preview
// server only; `errdocsGeneration` is the build this page comes from.
(function () {
  if (!window.EventSource) return;
  // The page's file in the built site, as the server names it.
  var file = decodeURIComponent(location.pathname).replace(/^\//, "");
  if (file === "" || file.slice(-1) === "/") file += "index.html";
  var events = new EventSource("/__errdocs/events");
  events.addEventListener("reload", function (event) {
    var rebuild = JSON.parse(event.data);
    var changed = rebuild.paths === null
      ? rebuild.generation !== errdocsGeneration
      : rebuild.paths.indexOf(file) !== -1;
    if (changed) {
      events.close();
      location.reload();
    }
  });
})();
