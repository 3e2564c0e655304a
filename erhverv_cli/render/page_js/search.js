/*
 * The CLI's search (erhverv_cli/search/*) in the browser: `erhverv find QUERY` on the cases of
 * this page, with the same results in the same order.
 *
 * The cases were analysed when the page was made (erhverv_cli/render/page_index.py embeds the
 * terms of every case and column, the vocabulary, the thesaurus rows and the settings); here
 * only the query is analysed. Each function mirrors the Python function named in its comment,
 * statement for statement where the order of things decides a result; keep them in step.
 * tests/cli/test_page_search.py compares this page with the engine over the judged queries.
 */
var ErhvervSearch = (function () {
  "use strict";

  // Python's str.isupper(): at least one cased letter and no lower-case one.
  function isUpper(text) {
    return text.toUpperCase() === text && text.toLowerCase() !== text;
  }

  // Python's str.casefold(), for the letters Danish and English text uses.
  function casefold(text) {
    return String(text).toLowerCase().replace(/\u00df/g, "ss");
  }

  // Length in code points (Python's len), not in UTF-16 units.
  function length(text) {
    return Array.from(text).length;
  }

  // ---- erhverv_cli/folding.py -------------------------------------------------------------

  var DANISH_LETTERS = { "\u00e6": "a", "\u00f8": "o", "\u00e5": "a", "\u00e4": "a", "\u00f6": "o", "\u00fc": "u" };
  var DIGRAPHS = /aa|ae|oe/g;
  var DIGRAPH_VOWEL = { aa: "a", ae: "a", oe: "o" };

  // folding.fold: lower case, æ/ø/å (and ä/ö/ü) and aa/ae/oe to plain vowels, accents dropped.
  function fold(text) {
    var lowered = casefold(text).replace(/[\u00e6\u00f8\u00e5\u00e4\u00f6\u00fc]/g, function (letter) {
      return DANISH_LETTERS[letter];
    });
    lowered = lowered.replace(DIGRAPHS, function (pair) { return DIGRAPH_VOWEL[pair]; });
    if (/^[\x00-\x7f]*$/.test(lowered)) {
      return lowered;
    }
    return lowered.normalize("NFKD").replace(/\p{Mn}/gu, "");
  }

  // folding.fold_name: fold, then only letters and digits.
  function foldName(text) {
    return fold(text).replace(/[^0-9a-z]+/g, "");
  }

  // ---- erhverv_cli/search/analysis.py -----------------------------------------------------

  // analysis.WORD: letters and digits, hyphenated or with an apostrophe inside.
  var WORD_SOURCE = "[\\p{L}\\p{N}]+(?:[-'\u2019][\\p{L}\\p{N}]+)*";
  var WORD_FULL = new RegExp("^(?:" + WORD_SOURCE + ")$", "u");
  var JOINERS = /[-'\u2019]/;
  var TO_DANISH = { aa: "\u00e5", ae: "\u00e6", oe: "\u00f8" };

  // WORD.findall(text)
  function words(text) {
    return String(text).match(new RegExp(WORD_SOURCE, "gu")) || [];
  }

  // analysis.parts: the pieces of a hyphenated word.
  function parts(word) {
    return word.split(JOINERS).filter(function (piece) { return piece.length > 0; });
  }

  function Analyzer(stopwords) {
    var danishStemmer = new ErhvervSnowball.DanishStemmer();
    var englishStemmer = new ErhvervSnowball.EnglishStemmer();
    var danishStopwords = new Set(stopwords.da);
    var englishStopwords = new Set(stopwords.en);
    var cache = new Map();

    // analysis.term: the index term of one Danish word (ASCII digraphs read as Danish letters).
    function term(word) {
      var danish = casefold(word).replace(DIGRAPHS, function (pair) { return TO_DANISH[pair]; });
      return fold(danishStemmer.stemWord(danish));
    }

    // analysis.term_en
    function termEn(word) {
      return fold(englishStemmer.stemWord(casefold(word)));
    }

    // analysis._safe
    function safe(stem) {
      return stem.replace(/[^0-9a-z]/g, "");
    }

    // analysis.word_term: the index term of one word, or "" for a stopword of its language.
    function wordTerm(word, english) {
      var key = (english ? "en:" : "da:") + word;
      if (cache.has(key)) {
        return cache.get(key);
      }
      var folded = fold(word);
      var result;
      if (english) {
        var acronym = length(word) > 1 && isUpper(word);
        result = englishStopwords.has(folded) && !acronym ? "" : safe(termEn(word));
      } else {
        result = danishStopwords.has(folded) ? "" : safe(term(word));
      }
      cache.set(key, result);
      return result;
    }

    // analysis._token_terms: the running terms of a token, and its joined compound.
    function tokenTerms(token, english) {
      var pieces = parts(token);
      var terms = pieces.map(function (piece) { return wordTerm(piece, english); });
      var joined = "";
      if (pieces.length > 1) {
        var whole = wordTerm(pieces.join(""), english);
        if (whole && terms.indexOf(whole) < 0) {
          joined = whole;
        }
      }
      return [terms.filter(Boolean), joined];
    }

    // analysis.phrase_terms
    function phraseTerms(text, english) {
      var out = [];
      words(text).forEach(function (token) { out.push.apply(out, tokenTerms(token, english)[0]); });
      return out;
    }

    // analysis.query_terms: a query word's Danish and English stems.
    function queryTerms(word) {
      var out = [];
      [wordTerm(word, false), wordTerm(word, true)].forEach(function (stem) {
        if (stem && out.indexOf(stem) < 0) {
          out.push(stem);
        }
      });
      return out;
    }

    return {
      term: term, termEn: termEn, wordTerm: wordTerm, tokenTerms: tokenTerms,
      phraseTerms: phraseTerms, queryTerms: queryTerms,
    };
  }

  // ---- erhverv_cli/thesaurus.py: Lookup -----------------------------------------------------

  var MAX_TERM_ENDING = 2;

  function Lookup(rows, analyzer) {
    var order = new Map();
    var entries = new Map();
    var byKey = new Map();
    // Lookup.from_rows / Lookup._add
    rows.forEach(function (row) {
      var entry = { term: row[0], language: row[1], concept: row[2], keys: new Set(row[3]), words: row[4] };
      if (!order.has(entry.concept)) {
        order.set(entry.concept, order.size);
      }
      if (!entries.has(entry.concept)) {
        entries.set(entry.concept, []);
      }
      entries.get(entry.concept).push(entry);
      entry.keys.forEach(function (key) {
        if (!byKey.has(key)) {
          byKey.set(key, []);
        }
        byKey.get(key).push(entry);
      });
    });

    // thesaurus.term_key
    function termKey(text) {
      return foldName(text.normalize("NFC"));
    }

    // thesaurus._pieces
    function pieces(text) {
      var out = [];
      words(text.normalize("NFC")).forEach(function (token) { out.push.apply(out, parts(token)); });
      return out;
    }

    // thesaurus.match_keys: "=folded", and "da:stems" / "en:stems" of the words.
    function matchKeys(text, language) {
      var keys = new Set();
      var exact = termKey(text);
      if (exact) {
        keys.add("=" + exact);
      }
      var found = pieces(text);
      if (found.length === 1 && /^[A-Z]{2,}s$/.test(found[0])) {
        keys.add("=" + termKey(found[0].slice(0, -1)));
      }
      (language ? [language] : ["da", "en"]).forEach(function (lang) {
        var english = lang === "en";
        var running = found.map(function (piece) { return analyzer.wordTerm(piece, english); }).filter(Boolean);
        if (running.length) {
          keys.add(lang + ":" + running.join(" "));
        }
        if (found.length > 1) {
          var joined = analyzer.wordTerm(found.join(""), english);
          if (joined) {
            keys.add(lang + ":" + joined);
          }
        }
      });
      return keys;
    }

    // thesaurus._content_words
    function contentWords(text, language) {
      var english = language === "en";
      return pieces(text).filter(function (piece) { return analyzer.wordTerm(piece, english); }).map(termKey);
    }

    // thesaurus._shared_beginning
    function sharedBeginning(a, b) {
      var size = 0;
      while (size < a.length && size < b.length && a[size] === b[size]) {
        size += 1;
      }
      return size;
    }

    // thesaurus._closeness: shared beginnings word by word, or null when more than an ending differs.
    function closeness(query, term) {
      var pairs = query.length === term.length
        ? query.map(function (word, i) { return [word, term[i]]; })
        : [[query.join(""), term.join("")]];
      var shared = 0;
      for (var i = 0; i < pairs.length; i++) {
        var common = sharedBeginning(pairs[i][0], pairs[i][1]);
        if (pairs[i][1].length - common > MAX_TERM_ENDING) {
          return null;
        }
        shared += common;
      }
      return shared;
    }

    function byOrder(a, b) {
      return order.get(a) - order.get(b);
    }

    // Lookup.concepts_of: the concepts with the text (or an inflection of it) as a term.
    function conceptsOf(text) {
      var keys = matchKeys(text);
      var exact = new Set();
      keys.forEach(function (key) {
        if (key.charAt(0) === "=") {
          (byKey.get(key) || []).forEach(function (entry) { exact.add(entry.concept); });
        }
      });
      if (exact.size) {
        return Array.from(exact).sort(byOrder);
      }
      var wordsOf = { da: contentWords(text, "da"), en: contentWords(text, "en") };
      var scores = new Map();
      keys.forEach(function (key) {
        (byKey.get(key) || []).forEach(function (entry) {
          var score = closeness(wordsOf[entry.language], entry.words);
          if (score !== null && score > (scores.has(entry.concept) ? scores.get(entry.concept) : -1)) {
            scores.set(entry.concept, score);
          }
        });
      });
      if (!scores.size) {
        return [];
      }
      var best = Math.max.apply(null, Array.from(scores.values()));
      return Array.from(scores.keys()).filter(function (c) { return scores.get(c) === best; }).sort(byOrder);
    }

    // Lookup.expansions: the other terms of every concept the text is a term of.
    function expansions(text) {
      if (!text.trim()) {
        return [];
      }
      var query = matchKeys(text);
      var out = [];
      conceptsOf(text).forEach(function (concept) {
        entries.get(concept).forEach(function (entry) {
          var shared = Array.from(entry.keys).some(function (key) { return query.has(key); });
          if (!shared) {
            out.push([entry.term, entry.language, entry.concept]);
          }
        });
      });
      return out;
    }

    // Lookup.phrase_expansions: the terms found in a query, longest first, left to right.
    function phraseExpansions(query) {
      var maxWords = 4;
      var found = words(query);
      var content = found.map(function (word) {
        return Boolean(analyzer.wordTerm(word, false) && analyzer.wordTerm(word, true));
      });
      var out = [];
      var start = 0;
      while (start < found.length) {
        var matched = false;
        for (var size = Math.min(maxWords, found.length - start); size > 0; size--) {
          var edgesOk = content[start] && content[start + size - 1];
          if (!edgesOk && (size > 1 || !isUpper(found[start]))) {
            continue;
          }
          var phrase = found.slice(start, start + size).join(" ");
          var expanded = expansions(phrase);
          if (expanded.length) {
            out.push([phrase, expanded]);
            start += size;
            matched = true;
            break;
          }
        }
        if (!matched) {
          start += 1;
        }
      }
      return out;
    }

    return { conceptsOf: conceptsOf, expansions: expansions, phraseExpansions: phraseExpansions };
  }

  // ---- the index: CorpusIndex's reading methods over the embedded data -----------------------

  function Index(data, analyzer) {
    var columns = data.columns;
    var english = columns.indexOf("english");
    var terms = Object.keys(data.vocabulary).sort();
    var postings = new Map(); // term → doc → column → offsets (vocab_instance)
    var inColumns = new Map(); // term → [in a Danish column, in the English column]
    data.docs.forEach(function (doc, number) {
      doc.terms.forEach(function (text, column) {
        if (!text) {
          return;
        }
        text.split(" ").forEach(function (term, offset) {
          if (!postings.has(term)) {
            postings.set(term, new Map());
            inColumns.set(term, [false, false]);
          }
          var byDoc = postings.get(term);
          if (!byDoc.has(number)) {
            byDoc.set(number, new Map());
          }
          var byColumn = byDoc.get(number);
          if (!byColumn.has(columns[column])) {
            byColumn.set(columns[column], []);
          }
          byColumn.get(columns[column]).push(offset);
          inColumns.get(term)[column === english ? 1 : 0] = true;
        });
      });
    });

    return {
      data: data,
      docs: data.docs,
      columns: columns,
      thesaurus: Lookup(data.thesaurus, analyzer),
      // CorpusIndex.count
      count: function () { return data.docs.length; },
      // CorpusIndex.term_known: anywhere, or in (in_column) or outside the English column.
      termKnown: function (candidate, column, inColumn) {
        if (!column) {
          return Object.prototype.hasOwnProperty.call(data.vocabulary, candidate);
        }
        var where = inColumns.get(candidate);
        return Boolean(where) && (inColumn ? where[1] : where[0]);
      },
      // CorpusIndex.term_documents
      termDocuments: function (candidate) {
        return Object.prototype.hasOwnProperty.call(data.vocabulary, candidate) ? data.vocabulary[candidate] : 0;
      },
      // CorpusIndex.terms_starting: (term, documents) beginning with a letter, length in a range.
      termsStarting: function (letter, shortest, longest) {
        return terms.filter(function (term) {
          return term.charAt(0) === letter && term.length >= shortest && term.length <= longest;
        });
      },
      // CorpusIndex.terms_containing
      termsContaining: function (part, shortest) {
        return terms.filter(function (term) { return term.length >= shortest && term.indexOf(part) >= 0; });
      },
      // CorpusIndex.terms_with_prefix: the most widely used first.
      termsWithPrefix: function (prefix, limit) {
        return terms
          .filter(function (term) { return term.lastIndexOf(prefix, 0) === 0; })
          .sort(function (a, b) { return data.vocabulary[b] - data.vocabulary[a] || (a < b ? -1 : a > b ? 1 : 0); })
          .slice(0, limit);
      },
      // CorpusIndex.postings: doc → column → offsets.
      postings: function (term) {
        return postings.get(term) || new Map();
      },
    };
  }

  return {
    isUpper: isUpper, casefold: casefold, length: length, fold: fold, foldName: foldName,
    words: words, parts: parts, WORD_FULL: WORD_FULL, Analyzer: Analyzer, Index: Index,
  };
})();
