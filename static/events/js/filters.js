/* Type-ahead for the actor, place and source boxes: fill their <datalist>
   from /api/options/<kind>?q=... as the analyst types. */
(function () {
  "use strict";
  var timers = {};
  document.querySelectorAll("input[list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !list.dataset.source) return;
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", function () {
      clearTimeout(timers[list.id]);
      var text = input.value.trim();
      if (text.length < 2) return;
      timers[list.id] = setTimeout(function () {
        fetch(list.dataset.source + "?q=" + encodeURIComponent(text), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { options: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.options.forEach(function (option) {
              var element = document.createElement("option");
              element.value = option.value;
              element.label = option.label;
              list.appendChild(element);
            });
          })
          .catch(function () { /* typing still works without suggestions */ });
      }, 200);
    });
  });
})();
