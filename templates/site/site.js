/* Filter and search for the actor directory (akteure.html), in plain JavaScript.
 *
 * Without JavaScript the page lists every actor and the form is not shown (ohne-skript.css,
 * linked in <noscript>). With this script every change filters the list at once, the number of hits is announced
 * (role="status"), and the filters are kept in the address (?kommune=…&suche=…), so a filtered
 * view can be bookmarked and shared. Works from a web server and from disk (file://).
 */
(function () {
  "use strict";

  var form = document.getElementById("filter");
  var list = document.getElementById("verzeichnis");
  if (!form || !list) {
    return;
  }
  var status = document.getElementById("treffer");
  var none = document.getElementById("keine-treffer");
  var pages = document.getElementById("seiten");
  // A directory of more than one page lists only its own entries; every entry comes from
  // the script named in data-alle, loaded when the visitor first turns to the form (or a
  // filtered address opens the page). Unfiltered, a page shows only its own entries.
  var everyone = form.getAttribute("data-alle");
  var texts = everyone
    ? {}
    : JSON.parse(document.getElementById("suchtexte").textContent || "{}");
  var fields = {
    suche: form.elements.namedItem("suche"),
    kommune: form.elements.namedItem("kommune"),
    art: form.elements.namedItem("art"),
    feld: form.elements.namedItem("feld"),
    sprache: form.elements.namedItem("sprache")
  };
  var keys = ["suche", "kommune", "art", "feld", "sprache"];

  // The same folding as ikonzept.site.directory.fold: lower case, umlauts written out,
  // accents dropped. „Dülmen“, „Duelmen“ and „DÜLMEN“ all meet.
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function words(value) {
    return value ? value.split(" ") : [];
  }

  // Only the entries themselves in the list: no whitespace between them to step over.
  Array.prototype.slice.call(list.childNodes).forEach(function (node) {
    if (node.nodeType !== 1) {
      list.removeChild(node);
    }
  });

  function entriesOf(items) {
    return items.map(function (item) {
      return {
        item: item,
        art: item.getAttribute("data-art"),
        orte: words(item.getAttribute("data-orte")),
        felder: words(item.getAttribute("data-felder")),
        sprachen: words(item.getAttribute("data-sprachen")),
        text: null, // folded when first searched
        attached: item.parentNode === list,
        own: item.parentNode === list
      };
    });
  }

  var entries = entriesOf(Array.prototype.slice.call(list.children));
  var complete = !everyone; // every entry known
  var loading = false;
  var partial = false; // the other pages' entries could not be loaded

  // The other pages' entries, parsed once outside the document: they join the list only
  // when a filter shows them. This page's own entries stay the elements they are.
  function loadEveryone() {
    if (complete || loading) {
      return;
    }
    loading = true;
    var script = document.createElement("script");
    script.src = everyone;
    script.onload = function () {
      var data = window.ikonzeptVerzeichnis;
      var own = {};
      entries.forEach(function (entry) {
        own[entry.item.getAttribute("data-id")] = entry.item;
      });
      var holder = document.createElement("template");
      holder.innerHTML = data.html;
      texts = data.suchtexte;
      entries = entriesOf(
        Array.prototype.map.call(holder.content.children, function (item) {
          return own[item.getAttribute("data-id")] || item;
        })
      );
      complete = true;
      // Folded now, while the visitor is still on the way to typing: not in a key press.
      entries.forEach(searchText);
      apply();
    };
    script.onerror = function () {
      partial = true; // filter this page's entries, and say so
      complete = true;
      apply();
    };
    document.body.appendChild(script);
  }

  function searchText(entry) {
    if (entry.text === null) {
      entry.text = fold(entry.item.textContent) + " " + (texts[entry.item.getAttribute("data-id")] || "");
    }
    return entry.text;
  }

  function wanted() {
    return {
      suche: fold(fields.suche.value).split(/[^a-z0-9]+/).filter(Boolean),
      kommune: fields.kommune.value,
      art: fields.art.value,
      feld: fields.feld.value,
      sprache: fields.sprache.value
    };
  }

  function matches(entry, want) {
    // An actor without places is active county-wide: it counts in every place.
    if (want.kommune && entry.orte.length && entry.orte.indexOf(want.kommune) < 0) {
      return false;
    }
    if (want.art && entry.art !== want.art) {
      return false;
    }
    if (want.feld && entry.felder.indexOf(want.feld) < 0) {
      return false;
    }
    if (want.sprache && entry.sprachen.indexOf(want.sprache) < 0) {
      return false;
    }
    for (var i = 0; i < want.suche.length; i++) {
      if (searchText(entry).indexOf(want.suche[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  var announcement = null;

  function number(value) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function announce(count, unfiltered) {
    var text = unfiltered
      ? status.getAttribute("data-seite")
      : count === entries.length
        ? number(entries.length) + " Akteure"
        : number(count) + " von " + number(entries.length) + " Akteuren";
    if (partial && !unfiltered) {
      text += " dieser Seite (die übrigen Seiten ließen sich nicht laden)";
    }
    // A short pause, so that a screen reader says the count once the typing stops.
    window.clearTimeout(announcement);
    announcement = window.setTimeout(function () {
      status.textContent = text;
    }, 300);
  }

  var generation = 0;
  var FIRST = 40; // entries placed before the browser may draw: more than a screenful

  // Bring the list in line with ``flags`` (one per entry) from entry ``i`` on, ``cursor``
  // being the list item at that place. Entries are taken out and put back rather than
  // hidden: with a thousand of them, hiding each costs the browser a third of a second.
  // After ``limit`` entries shown the rest waits for the next frame, so that typing stays
  // quick; a newer keystroke (``generation``) takes over from an older one.
  function place(flags, i, cursor, limit, mine) {
    var placed = 0;
    for (; i < entries.length; i++) {
      var entry = entries[i];
      if (flags[i]) {
        if (entry.item === cursor) {
          cursor = cursor.nextSibling;
        } else {
          list.insertBefore(entry.item, cursor);
        }
        entry.attached = true;
        if (++placed === limit) {
          var next = i + 1;
          var at = cursor;
          later(function () {
            if (mine === generation) {
              place(flags, next, at, Infinity, mine);
            }
          });
          return;
        }
      } else if (entry.attached) {
        if (entry.item === cursor) {
          cursor = cursor.nextSibling;
        }
        list.removeChild(entry.item);
        entry.attached = false;
      }
    }
  }

  function later(task) {
    window.requestAnimationFrame(function () {
      window.setTimeout(task, 0);
    });
  }

  // A filter over a thousand entries shows the first hundred hits and, on demand, the next:
  // putting hundreds of entries into the page at each key press would make typing slow.
  var SHOWN = 100;
  var limit = SHOWN;
  var further = document.getElementById("mehr");

  function apply(more) {
    var want = wanted();
    var unfiltered = !(want.suche.length || want.kommune || want.art || want.feld || want.sprache);
    if (!unfiltered && !complete) {
      // Until every entry is there the list and what follows it keep their place unseen:
      // what appears later does not count as moving (layout shift).
      document.documentElement.classList.add("laedt");
      status.textContent = "Alle Akteure werden geladen …";
      loadEveryone();
      return -1; // applied once they are there
    }
    document.documentElement.classList.remove("laedt");
    if (!more) {
      limit = SHOWN; // a new filter starts with the first hits again
    }
    var flags = [];
    var count = 0;
    for (var i = 0; i < entries.length; i++) {
      var shown = unfiltered ? entries[i].own : matches(entries[i], want);
      if (shown) {
        count++;
      }
      flags.push(shown && (unfiltered || count <= limit));
    }
    generation++;
    place(flags, 0, list.firstChild, FIRST, generation);
    none.hidden = count !== 0;
    if (pages) {
      pages.hidden = !unfiltered; // a filter looks through every page
    }
    if (further) {
      var left = unfiltered ? 0 : count - limit;
      further.hidden = left <= 0;
      further.textContent = "Weitere Treffer zeigen (noch " + number(left) + ")";
    }
    announce(count, unfiltered);
    return count;
  }

  function remember() {
    var query = new URLSearchParams();
    keys.forEach(function (key) {
      var value = fields[key].value.trim();
      if (value) {
        query.set(key, value);
      }
    });
    var search = query.toString();
    try {
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk.
    }
  }

  function restore() {
    var query = new URLSearchParams(window.location.search);
    keys.forEach(function (key) {
      var value = query.get(key);
      var field = fields[key];
      if (value === null) {
        return;
      }
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (option) {
          return option.value === value;
        });
        field.value = known ? value : "";
      } else {
        field.value = value;
      }
    });
  }

  function update() {
    apply();
    remember();
  }

  form.addEventListener("focusin", loadEveryone);
  form.addEventListener("pointerdown", loadEveryone);
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  if (further) {
    further.addEventListener("click", function () {
      limit += SHOWN;
      apply(true);
    });
  }
  form.addEventListener("reset", function () {
    // The form is reset after this event: filter once the fields are empty.
    window.setTimeout(update, 0);
  });

  restore();
  apply();
  window.ikonzeptFilter = apply; // for the benchmark: one filter pass, synchronously
})();
