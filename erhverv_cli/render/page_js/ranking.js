/*
 * Ranking as erhverv_cli/search/ranking.py and CorpusIndex.rank (erhverv_cli/search/index.py) do
 * it: BM25F per column with a Lucene-style IDF per query unit, phrases found from positions,
 * cases holding every query word first, then the score (rounded to 9 decimals, as the CLI's
 * ROUND(SUM(value), 9)), then the catalogue number, then the id. Filters work as --type and
 * --region do (erhverv_cli/search/engine.find).
 */
var ErhvervRanking = (function () {
  "use strict";
  var Q = ErhvervQuery;

  // ranking._phrase_counts: per document and column, how often the terms follow one another.
  function phraseCounts(parts, allowed) {
    var counts = new Map();
    if (parts.length < 2) {
      return counts;
    }
    var first = parts[0];
    var rest = parts.slice(1);
    first.forEach(function (byColumn, doc) {
      if (rest.some(function (other) { return !other.has(doc); })) {
        return;
      }
      byColumn.forEach(function (offsets, column) {
        if (!allowed(column)) {
          return;
        }
        var following = rest.map(function (other) { return new Set(other.get(doc).get(column) || []); });
        var hits = offsets.filter(function (start) {
          return following.every(function (positions, i) { return positions.has(start + i + 1); });
        }).length;
        if (hits) {
          if (!counts.has(doc)) {
            counts.set(doc, new Map());
          }
          counts.get(doc).set(column, hits);
        }
      });
    });
    return counts;
  }

  // ranking._phrase_frequencies: Danish terms in the Danish columns, English ones in English.
  function phraseFrequencies(index, phrase) {
    var frequencies = new Map();
    [
      [phrase.danish, function (column) { return column !== Q.ENGLISH_COLUMN; }],
      [phrase.english, function (column) { return column === Q.ENGLISH_COLUMN; }],
    ].forEach(function (pair) {
      phraseCounts(pair[0].map(index.postings), pair[1]).forEach(function (byColumn, doc) {
        byColumn.forEach(function (hits, column) {
          if (!frequencies.has(doc)) {
            frequencies.set(doc, new Map());
          }
          frequencies.get(doc).set(column, hits);
        });
      });
    });
    return frequencies;
  }

  // ranking._columns_text: the columns a term of a unit may match, or null for all of them.
  function columnsOf(index, query, term, unit, language) {
    var allowed = query.columns.has(unit) ? query.columns.get(unit) : index.columns;
    var columns = allowed.filter(function (column) {
      return language ? (column === Q.ENGLISH_COLUMN) === (language === "en") : query.matchesColumn(term, column);
    });
    return columns.length === index.columns.length ? null : columns;
  }

  // ranking._phrase_rows: [unit, doc, column, weighted frequency, weight] of every occurrence.
  function phraseRows(index, items) {
    var rows = [];
    items.forEach(function (item) {
      var unit = item[0];
      var weight = item[2];
      var columns = item[3];
      phraseFrequencies(index, item[1]).forEach(function (byColumn, doc) {
        byColumn.forEach(function (tf, column) {
          if (!columns || !columns.length || columns.indexOf(column) >= 0) {
            rows.push([unit, doc, column, tf * weight, weight]);
          }
        });
      });
    });
    return rows;
  }

  // ranking._units: the single terms and the phrases each unit matches, with their weights.
  function units(index, query) {
    var thesaurusWeight = index.data.settings.thesaurusWeight;
    var words = [];
    query.groups.forEach(function (group, unit) {
      group.forEach(function (term) {
        words.push([unit, term, query.weight(term), columnsOf(index, query, term, unit, "")]);
      });
    });
    var phrases = query.phrases.map(function (phrase, n) {
      var unit = query.groups.length + n;
      return [unit, phrase, 1.0, query.columns.has(unit) ? query.columns.get(unit) : null];
    });
    query.expansions.forEach(function (expansions, unit) {
      expansions.forEach(function (expansion) {
        if (expansion.terms.length === 1) {
          var term = expansion.terms[0];
          words.push([unit, term, thesaurusWeight, columnsOf(index, query, term, unit, expansion.language)]);
        } else {
          var english = expansion.language === "en";
          var phrase = { danish: english ? [] : expansion.terms.slice(), english: english ? expansion.terms.slice() : [] };
          phrases.push([unit, phrase, thesaurusWeight, query.columns.has(unit) ? query.columns.get(unit) : null]);
        }
      });
    });
    return [words, phrases];
  }

  // SQLite's ROUND(x, 9).
  function round9(value) {
    return Number(value.toFixed(9));
  }

  // CorpusIndex.rank, "hits": per unit, document and column the summed weights of the query's
  // terms found there (one per occurrence), and the best weight among them.
  function termHits(index, words) {
    var hits = [];
    var grouped = new Map();
    words.forEach(function (word) {
      var unit = word[0];
      var weight = word[2];
      var columns = word[3];
      index.postings(word[1]).forEach(function (byColumn, doc) {
        byColumn.forEach(function (offsets, column) {
          if (columns !== null && columns.indexOf(column) < 0) {
            return;
          }
          var key = unit + " " + doc + " " + column;
          if (!grouped.has(key)) {
            grouped.set(key, [unit, doc, column, 0, 0]);
            hits.push(grouped.get(key));
          }
          var hit = grouped.get(key);
          offsets.forEach(function () {
            hit[3] += weight;
          });
          hit[4] = Math.max(hit[4], weight);
        });
      });
    });
    return hits;
  }

  // CorpusIndex.rank, "per_doc": per unit and document the length-normalised, column-weighted
  // frequency (BM25F's x) and the best weight of what matched.
  function perDocument(index, hits) {
    var settings = index.data.settings;
    var b = settings.b;
    var perDoc = new Map();
    hits.forEach(function (hit) {
      var column = index.columns.indexOf(hit[2]);
      var length = index.docs[hit[1]].lengths[column];
      var average = index.data.averages[column];
      var normalised = settings.columnWeights[column] / (1.0 - b + b * Math.max(1, length) / average);
      var key = hit[0] + " " + hit[1];
      if (!perDoc.has(key)) {
        perDoc.set(key, { unit: hit[0], doc: hit[1], x: 0, best: -Infinity });
      }
      var entry = perDoc.get(key);
      entry.x += hit[3] * normalised;
      entry.best = Math.max(entry.best, hit[4]);
    });
    return perDoc;
  }

  // CorpusIndex.rank: BM25F of every document matching any unit → Map doc → {score, units}.
  // A unit's IDF is Lucene's over the documents it matches, times the unit's boost; a document
  // holds a query word when an alternative of weight ≥ HOLDS_WORD matched it.
  function bm25(index, words, phrases, unitList) {
    var settings = index.data.settings;
    var scores = new Map();
    if (!words.length && !phrases.length) {
      return scores;
    }
    var perDoc = perDocument(index, termHits(index, words).concat(phrases));
    var boosts = new Map();
    var requirements = new Map();
    unitList.forEach(function (unit) {
      boosts.set(unit[0], unit[1]);
      requirements.set(unit[0], unit[2]);
    });
    var matched = new Map();
    perDoc.forEach(function (entry) {
      matched.set(entry.unit, (matched.get(entry.unit) || 0) + 1);
    });
    var total = index.count();
    var k1 = settings.k1;
    var sums = new Map();
    perDoc.forEach(function (entry) {
      if (!boosts.has(entry.unit)) {
        return;
      }
      var count = matched.get(entry.unit);
      var idf = boosts.get(entry.unit) * Math.log(1.0 + (total - count + 0.5) / (count + 0.5));
      var value = idf * entry.x * (k1 + 1.0) / (entry.x + k1);
      if (!sums.has(entry.doc)) {
        sums.set(entry.doc, { sum: 0, held: new Set() });
      }
      var sum = sums.get(entry.doc);
      sum.sum += value;
      var requirement = requirements.get(entry.unit);
      if (entry.best >= settings.holdsWord && requirement !== null) {
        sum.held.add(requirement);
      }
    });
    sums.forEach(function (sum, doc) {
      scores.set(doc, { score: round9(sum.sum), units: sum.held.size });
    });
    return scores;
  }

  // ranking.rank: score the documents matching the query, then drop the excluded ones.
  function rank(index, query) {
    var made = units(index, query);
    var unitList = query.groups.map(function (_group, unit) { return [unit, 1.0, query.requirement(unit)]; });
    query.phrases.forEach(function (_phrase, n) {
      var unit = query.groups.length + n;
      unitList.push([unit, index.data.settings.phraseBoost, query.requirement(unit)]);
    });
    var scores;
    if (query.positive()) {
      scores = bm25(index, made[0], phraseRows(index, made[1]), unitList);
    } else {
      scores = new Map();
      index.docs.forEach(function (_doc, number) { scores.set(number, { score: 0.0, units: 0 }); });
    }
    if (query.excluded.length || query.excludedPhrases.length) {
      var items = query.excludedPhrases.map(function (phrase) { return [0, phrase, 1.0, null]; });
      phraseRows(index, items).forEach(function (row) { scores.delete(row[1]); });
      query.excluded.forEach(function (terms) {
        terms.forEach(function (term) {
          index.postings(term).forEach(function (_byColumn, doc) { scores.delete(doc); });
        });
      });
    }
    return scores;
  }

  // CorpusIndex.where: --type and --region, compared as folded names.
  function selected(index, doc, filters) {
    var S = ErhvervSearch;
    var record = index.docs[doc];
    if (filters.type && S.foldName(record.type) !== S.foldName(filters.type)) {
      return false;
    }
    if (filters.region) {
      var wanted = S.foldName(filters.region);
      return record.regions.some(function (region) { return S.foldName(region) === wanted; });
    }
    return true;
  }

  // CorpusIndex.scored_records' ORDER BY: units DESC, score DESC, number (none last), id.
  function compare(index, scores) {
    return function (a, b) {
      var left = scores.get(a);
      var right = scores.get(b);
      var x = index.docs[a];
      var y = index.docs[b];
      if (left.units !== right.units) {
        return right.units - left.units;
      }
      if (left.score !== right.score) {
        return right.score - left.score;
      }
      if ((x.number === null) !== (y.number === null)) {
        return x.number === null ? 1 : -1;
      }
      if (x.number !== y.number) {
        return x.number - y.number;
      }
      return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    };
  }

  // engine.find: the documents a query and filters select, best first, as [doc, score, words
  // held]. An empty query selects nothing here; the page shows the whole catalogue for it instead.
  function scored(index, analyzer, text, filters) {
    var query = text.split(/\s+/).filter(Boolean).join(" ");
    if (!query) {
      return [];
    }
    var parsed = Q.parseQuery(query, Q.Context(index, analyzer));
    if (parsed.empty()) {
      return [];
    }
    var scores = rank(index, parsed);
    var docs = Array.from(scores.keys()).filter(function (doc) { return selected(index, doc, filters || {}); });
    return docs.sort(compare(index, scores)).map(function (doc) {
      return [doc, scores.get(doc).score, scores.get(doc).units];
    });
  }

  // The documents alone (positions in the embedded data), best first.
  function find(index, analyzer, text, filters) {
    return scored(index, analyzer, text, filters).map(function (hit) { return hit[0]; });
  }

  return { find: find, scored: scored, rank: rank, selected: selected };
})();
