/*
 * The page: the search box and the type and region filters over the catalogue.
 *
 * Without a query the catalogue shows in its own order, grouped by type. With one, the cases
 * `erhverv find` would list are shown best first in one list (#results), as the CLI ranks them.
 * The query and the filters live in the address (?q=…&type=…&region=…), so a view can be shared
 * as a link; the address is kept up to date as the user types (history.replaceState).
 */
(function () {
  "use strict";
  var S = ErhvervSearch;
  var data = JSON.parse(document.getElementById("search-index").textContent);
  var analyzer = S.Analyzer(data.stopwords);
  var index = S.Index(data, analyzer);

  var form = document.getElementById("filters");
  var box = document.getElementById("q");
  var typeChoice = document.getElementById("type");
  var regionChoice = document.getElementById("region");
  var status = document.getElementById("count");
  var none = document.getElementById("none");
  var results = document.getElementById("results");
  var resultList = document.getElementById("result-list");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.type"));
  var contents = document.querySelector("nav.contents");
  var selection = document.getElementById("selection");
  // Each case's article by its position in the embedded data, and where it stands in the catalogue.
  var articles = [];
  var homes = [];
  Array.prototype.forEach.call(document.querySelectorAll("article.case"), function (article) {
    var doc = Number(article.getAttribute("data-doc"));
    articles[doc] = article;
    homes.push([article, article.parentNode]);
  });

  // The cases to show, best first: the CLI's ranking for a query, else the catalogue's order.
  function chosen(query, filters) {
    if (!query.trim()) {
      return null;
    }
    return ErhvervRanking.find(index, analyzer, query, filters);
  }

  // Put every article back in its section, in the catalogue's order.
  function restore() {
    homes.forEach(function (home) { home[1].appendChild(home[0]); });
  }

  // On paper: what was selected, and a contents list of the cases shown (none for a ranked list,
  // which is printed best first, not in the catalogue's order).
  function describe(query, filters, ranked, shown) {
    var parts = [];
    if (query.trim()) { parts.push("søgning \u00bb" + query.trim() + "\u00ab"); }
    [[typeChoice, filters.type], [regionChoice, filters.region]].forEach(function (pair) {
      if (pair[1]) { parts.push(pair[0].options[pair[0].selectedIndex].text.replace(/\s*\(\d+\)$/, "")); }
    });
    selection.hidden = !parts.length;
    selection.textContent = "Udvalg: " + parts.join(", ") + " \u2013 " + shown + " af " + articles.length + " cases" +
      (ranked !== null ? ", bedst passende først" : "");
    if (!contents) { return; }
    contents.hidden = ranked !== null || shown === 0;
    Array.prototype.forEach.call(contents.querySelectorAll("li[data-doc]"), function (item) {
      item.hidden = articles[Number(item.getAttribute("data-doc"))].hidden;
    });
    Array.prototype.forEach.call(contents.querySelectorAll(":scope > ul > li"), function (group) {
      group.hidden = !group.querySelector("li[data-doc]:not([hidden])");
    });
  }

  // Keep the address in step with the form, so the view can be shared as a link.
  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (filters.type) { params.set("type", filters.type); }
    if (filters.region) { params.set("region", filters.region); }
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    } catch (error) {
      // Some browsers refuse to change the address of a file:// page; the search works anyway.
    }
  }

  // Show what the query and the filters select.
  function apply() {
    var query = box.value;
    var filters = { type: typeChoice.value, region: regionChoice.value };
    var ranked = chosen(query, filters);
    var shown = 0;
    if (ranked === null) {
      restore();
      results.hidden = true;
      articles.forEach(function (article, doc) {
        var visible = ErhvervRanking.selected(index, doc, filters);
        article.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("article.case:not([hidden])");
      });
    } else {
      articles.forEach(function (article) { article.hidden = true; });
      ranked.forEach(function (doc) {
        resultList.appendChild(articles[doc]);
        articles[doc].hidden = false;
      });
      shown = ranked.length;
      sections.forEach(function (section) { section.hidden = true; });
      results.hidden = shown === 0;
    }
    status.textContent = "Viser " + shown + " af " + articles.length + " cases" +
      (ranked !== null && shown > 1 ? ", bedst passende først" : "");
    none.hidden = shown > 0;
    describe(query, filters, ranked, shown);
    remember(query, filters);
  }

  // Read ?q=…&type=…&region=… when the page opens.
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    [[typeChoice, params.get("type")], [regionChoice, params.get("region")]].forEach(function (pair) {
      var known = Array.prototype.some.call(pair[0].options, function (option) { return option.value === pair[1]; });
      pair[0].value = known ? pair[1] : "";
    });
  }

  // Paper gets every case unfolded: open the closed <details> before printing, close them after
  // (browsers without ::details-content in the print stylesheet need this).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (details) {
      return !details.open;
    });
    opened.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  // For tests and the curious: the ids `erhverv find` would list, and the stems of words.
  window.erhvervFold = S.fold;
  window.erhvervSearch = {
    find: function (query, filters) {
      return ErhvervRanking.find(index, analyzer, query, filters || {}).map(function (doc) { return data.docs[doc].id; });
    },
    scored: function (query, filters) {
      return ErhvervRanking.scored(index, analyzer, query, filters || {}).map(function (hit) {
        return [data.docs[hit[0]].id, hit[1], hit[2]];
      });
    },
    terms: function (words, english) {
      return words.map(function (word) { return analyzer.wordTerm(word, english); });
    },
    stems: function (words, english) {
      var stemmer = english ? new ErhvervSnowball.EnglishStemmer() : new ErhvervSnowball.DanishStemmer();
      return words.map(function (word) { return stemmer.stemWord(word); });
    },
    distance: ErhvervQuery.damerauLevenshtein,
  };
  fromAddress();
  apply();
})();
