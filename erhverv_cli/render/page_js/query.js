/*
 * Query parsing as erhverv_cli/search/query.py does it: words, "phrases", -word, word*,
 * field:word, typo correction against the vocabulary, compounds, splitting unknown compounds,
 * English queries and thesaurus expansion. Each function names the Python function it mirrors.
 */
var ErhvervQuery = (function () {
  "use strict";
  var S = ErhvervSearch;

  var QUOTES = "\"\u201c\u201d\u201e";
  // query._QUOTED: a quoted phrase (closing quote optional), maybe -negated or field:scoped.
  var QUOTED_SOURCE =
    "(?:(?<!\\S)(?<sign>-))?(?:(?<field>[\\p{L}\\p{Nl}\\p{No}]+):)?[" + QUOTES + "](?<text>[^" + QUOTES + "]*)[" +
    QUOTES + "]?";
  var LINKS = ["s", "e"]; // query._LINKS
  var ENGLISH_COLUMN = "english";

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // query.ParsedQuery
  function ParsedQuery(text) {
    this.text = text;
    this.groups = []; // one array of terms per query word
    this.phrases = []; // {danish: [...], english: [...]}
    this.weights = new Map(); // term → weight below 1.0
    this.scopes = new Map(); // term → "danish" | "english"
    this.labels = [];
    this.requirements = [];
    this.columns = new Map(); // unit → columns it is limited to
    this.kinds = new Map();
    this.expansions = new Map(); // group unit → thesaurus expansions
    this.excluded = [];
    this.excludedPhrases = [];
  }
  // ParsedQuery.weight
  ParsedQuery.prototype.weight = function (term) {
    return this.weights.has(term) ? this.weights.get(term) : 1.0;
  };
  // ParsedQuery.matches_column
  ParsedQuery.prototype.matchesColumn = function (term, column) {
    var scope = this.scopes.get(term);
    return scope === undefined || (scope === "english") === (column === ENGLISH_COLUMN);
  };
  // ParsedQuery.empty
  ParsedQuery.prototype.empty = function () {
    return !this.groups.length && !this.phrases.length && !this.excluded.length && !this.excludedPhrases.length;
  };
  // ParsedQuery.positive
  ParsedQuery.prototype.positive = function () {
    return Boolean(this.groups.length || this.phrases.length);
  };
  // ParsedQuery.requirement
  ParsedQuery.prototype.requirement = function (unit) {
    return unit < this.requirements.length ? this.requirements[unit] : unit;
  };

  function phraseTerms(phrase) {
    return phrase.danish.concat(phrase.english);
  }

  // query._Vocabulary: the index's terms, asked narrowly.
  function Vocabulary(index) {
    this.index = index;
  }
  // _Vocabulary.known: anywhere, or in the columns of one language.
  Vocabulary.prototype.known = function (candidate, scope) {
    if (scope) {
      return this.index.termKnown(candidate, ENGLISH_COLUMN, scope === "english");
    }
    return this.index.termKnown(candidate);
  };
  Vocabulary.prototype.documents = function (candidate) {
    return this.index.termDocuments(candidate);
  };
  Vocabulary.prototype.startingWith = function (letter, shortest, longest) {
    return this.index.termsStarting(letter, shortest, longest);
  };
  Vocabulary.prototype.containing = function (part, shortest) {
    return this.index.termsContaining(part, shortest);
  };

  // query._max_edits
  function maxEdits(size) {
    return size < 8 ? 1 : 2;
  }

  // rapidfuzz.distance.DamerauLevenshtein.distance: the unrestricted Damerau-Levenshtein
  // distance (Lowrance-Wagner), transpositions of letters with others between them included.
  function damerauLevenshtein(a, b) {
    var maxDistance = a.length + b.length;
    var lastRow = {}; // letter → the last row of a it was seen in
    var d = [];
    for (var i = 0; i <= a.length + 1; i++) {
      d.push(new Array(b.length + 2).fill(0));
    }
    d[0][0] = maxDistance;
    for (i = 0; i <= a.length; i++) {
      d[i + 1][0] = maxDistance;
      d[i + 1][1] = i;
    }
    for (var j = 0; j <= b.length; j++) {
      d[0][j + 1] = maxDistance;
      d[1][j + 1] = j;
    }
    for (i = 1; i <= a.length; i++) {
      var lastColumn = 0;
      for (j = 1; j <= b.length; j++) {
        var k = lastRow[b[j - 1]] || 0;
        var l = lastColumn;
        var cost = 1;
        if (a[i - 1] === b[j - 1]) {
          cost = 0;
          lastColumn = j;
        }
        d[i + 1][j + 1] = Math.min(
          d[i][j] + cost,
          d[i + 1][j] + 1,
          d[i][j + 1] + 1,
          d[k][l] + (i - k - 1) + 1 + (j - l - 1)
        );
      }
      lastRow[a[i - 1]] = i;
    }
    return d[a.length + 1][b.length + 1];
  }

  // query._typo_candidates: known terms one or two edits away (same first letter).
  function typoCandidates(vocabulary, wanted, settings) {
    var limit = maxEdits(wanted.length);
    var scored = [];
    vocabulary.startingWith(wanted.charAt(0), wanted.length - 3, wanted.length + limit).forEach(function (candidate) {
      if (candidate === wanted) {
        return;
      }
      var extra = wanted.length - candidate.length;
      var distance;
      if (Math.abs(extra) <= limit) {
        distance = damerauLevenshtein(wanted, candidate);
        if (distance <= limit) {
          scored.push([distance, candidate]);
          return;
        }
      }
      if (extra >= 1 && extra <= 3 && candidate.length >= 5) {
        distance = damerauLevenshtein(wanted.slice(0, candidate.length), candidate) + 1;
        if (distance <= limit) {
          scored.push([distance, candidate]);
        }
      }
    });
    if (!scored.length) {
      return [];
    }
    var best = Math.min.apply(null, scored.map(function (pair) { return pair[0]; }));
    var closest = scored.filter(function (pair) { return pair[0] === best; }).map(function (pair) { return pair[1]; });
    closest.sort(function (a, b) {
      return vocabulary.documents(b) - vocabulary.documents(a) || (a < b ? -1 : a > b ? 1 : 0);
    });
    return closest.slice(0, settings.maxTypoCandidates);
  }

  function Parts(analyzer, settings) {
    var minPart = settings.minCompoundPart;

    // query._unlinked: a compound's first part as written, and without a linking letter.
    function unlinked(text) {
      var forms = [text];
      var letters = Array.from(text);
      if (letters.length > minPart && LINKS.indexOf(letters[letters.length - 1]) >= 0) {
        forms.push(letters.slice(0, -1).join(""));
      }
      return forms;
    }

    // query._known_part
    function knownPart(vocabulary, text) {
      var forms = unlinked(text);
      for (var i = 0; i < forms.length; i++) {
        var candidate = analyzer.term(forms[i]);
        if (S.length(candidate) >= minPart && vocabulary.known(candidate)) {
          return candidate;
        }
      }
      return null;
    }

    // query._unlinked_head: the rest after a first part, without a linking letter, and stemmed.
    function unlinkedHead(rest) {
      var forms = [rest];
      if (LINKS.indexOf(rest.charAt(0)) >= 0 && rest.length > minPart) {
        forms.push(rest.slice(1));
      }
      return forms.concat(forms.map(analyzer.term));
    }

    // query._compounds: known compounds with the word as their last or first part.
    function compounds(vocabulary, stem, surface) {
      if (stem.length < 4) {
        return [];
      }
      var heads = [];
      var modifiers = [];
      var starts = [stem];
      if (S.fold(surface) !== stem) {
        starts.push(S.fold(surface));
      }
      vocabulary.containing(stem, stem.length + minPart).forEach(function (candidate) {
        if (candidate.slice(-stem.length) === stem && knownPart(vocabulary, candidate.slice(0, -stem.length))) {
          heads.push(candidate);
          return;
        }
        for (var i = 0; i < starts.length; i++) {
          var rest = candidate.slice(starts[i].length);
          if (
            candidate.lastIndexOf(starts[i], 0) === 0 &&
            rest.length >= minPart &&
            unlinkedHead(rest).some(function (form) { return vocabulary.known(form); })
          ) {
            modifiers.push(candidate);
            break;
          }
        }
      });
      return heads.concat(modifiers);
    }

    // query._split: an unknown word as two known words, the most balanced cut.
    function split(vocabulary, word) {
      var lowered = Array.from(S.casefold(word));
      var best = null;
      for (var cut = minPart; cut <= lowered.length - minPart; cut++) {
        var first = knownPart(vocabulary, lowered.slice(0, cut).join(""));
        if (first === null) {
          continue;
        }
        var last = analyzer.term(lowered.slice(cut).join(""));
        if (S.length(last) < minPart || !vocabulary.known(last)) {
          continue;
        }
        var balance = Math.min(cut, lowered.length - cut);
        if (best === null || balance > best[0]) {
          best = [balance, [first, last]];
        }
      }
      return best ? best[1] : [];
    }

    return { compounds: compounds, split: split };
  }

  // A group: Map term → [weight, scope], in insertion order like the Python dict.
  function group(terms, weight, scope) {
    var out = new Map();
    terms.forEach(function (term) { out.set(term, [weight, scope]); });
    return out;
  }

  // query._word_groups: the groups of terms one query word stands for.
  function wordGroups(ctx, vocabulary, word, kinds, domainWord) {
    var analyzer = ctx.analyzer;
    var settings = ctx.settings;
    var terms = analyzer.queryTerms(word);
    if (!terms.length) {
      return [];
    }
    var danish = analyzer.wordTerm(word, false);
    var english = analyzer.wordTerm(word, true);
    var same = danish === english || !english;
    var scopes = new Map(same ? [[danish, ""]] : [[danish, "danish"], [english, "english"]]);
    var known = terms.filter(function (t) { return vocabulary.known(t, scopes.get(t)); });
    if (!danish || !english) {
      if (!known.length) {
        return [];
      }
      var only = new Map();
      known.forEach(function (t) { only.set(t, [1.0, scopes.get(t)]); });
      return [only];
    }
    if (known.length) {
      var found = new Map();
      known.forEach(function (t) { found.set(t, [1.0, scopes.get(t)]); });
      if (known.indexOf(danish) >= 0) {
        ctx.parts.compounds(vocabulary, danish, S.casefold(word)).forEach(function (compound) {
          if (!found.has(compound)) {
            found.set(compound, [settings.compoundWeight, ""]);
          }
          if (!kinds.has(compound)) {
            kinds.set(compound, "compound");
          }
        });
      }
      return [found];
    }
    if (S.length(S.fold(word)) >= settings.minTypoLength && !domainWord(word)) {
      var typos = typoCandidates(vocabulary, terms[0], settings);
      if (typos.length) {
        typos.forEach(function (t) { kinds.set(t, "typo"); });
        return [group(typos, settings.typoWeight, "")];
      }
      var split = ctx.parts.split(vocabulary, word);
      if (split.length) {
        split.forEach(function (t) { kinds.set(t, "split"); });
        return split.map(function (part) { return group([part], 1.0, ""); });
      }
      var compounds = ctx.parts.compounds(vocabulary, analyzer.term(word), S.casefold(word));
      if (compounds.length) {
        compounds.forEach(function (t) { kinds.set(t, "compound"); });
        return [group(compounds, settings.compoundWeight, "")];
      }
    }
    return [group([terms[0]], 1.0, "")];
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (item, i) { return item === b[i]; });
  }

  // query._Parser: builds a ParsedQuery unit by unit.
  function Parser(text, ctx) {
    this.parsed = new ParsedQuery(text);
    this.ctx = ctx;
    this.vocabulary = new Vocabulary(ctx.index);
    this.words = 0;
  }

  // _Parser.add_group
  Parser.prototype.addGroup = function (found, label, requirement, columns) {
    var parsed = this.parsed;
    var terms = Array.from(found.keys());
    var repeated = parsed.groups.some(function (existing) { return sameList(existing, terms); });
    if (!terms.length || (repeated && columns === null)) {
      return;
    }
    var seen = new Set();
    parsed.groups.forEach(function (existing) { existing.forEach(function (t) { seen.add(t); }); });
    parsed.groups.push(terms);
    var unit = parsed.groups.length - 1;
    parsed.labels.splice(unit, 0, label);
    parsed.requirements.splice(unit, 0, requirement);
    if (columns !== null) {
      parsed.columns.set(unit, columns);
    }
    found.forEach(function (value, name) {
      var weight = value[0];
      var scope = value[1];
      var best = Math.max(weight, seen.has(name) ? parsed.weight(name) : 0.0);
      if (best < 1.0) {
        parsed.weights.set(name, best);
      } else {
        parsed.weights.delete(name);
      }
      var current = parsed.scopes.has(name) ? parsed.scopes.get(name) : null;
      if (!seen.has(name) && scope) {
        parsed.scopes.set(name, scope);
      } else if (seen.has(name) && current !== (scope || null)) {
        parsed.scopes.delete(name);
      }
    });
  };

  // _Parser.add_phrase
  Parser.prototype.addPhrase = function (phrase, label, requirement, columns) {
    if (phrase.danish.length < 2 && phrase.english.length < 2) {
      return;
    }
    this.parsed.phrases.push(phrase);
    this.parsed.labels.push(label);
    this.parsed.requirements.push(requirement);
    if (columns !== null) {
      this.parsed.columns.set(this.parsed.groups.length + this.parsed.phrases.length - 1, columns);
    }
  };

  // _Parser.requirement: one id per query word.
  Parser.prototype.requirement = function () {
    this.words += 1;
    return this.words - 1;
  };

  // query._phrase
  Parser.prototype.phrase = function (text) {
    return { danish: this.ctx.analyzer.phraseTerms(text, false), english: this.ctx.analyzer.phraseTerms(text, true) };
  };

  // _Parser.quoted
  Parser.prototype.quoted = function (text, negated, columns) {
    var phrase = this.phrase(text);
    var several = phrase.danish.length > 1 || phrase.english.length > 1;
    if (negated) {
      if (several) {
        this.parsed.excludedPhrases.push(phrase);
      } else if (phraseTerms(phrase).length) {
        this.parsed.excluded.push(phraseTerms(phrase));
      }
      return;
    }
    var label = "\"" + text.trim() + "\"";
    if (several) {
      this.addPhrase(phrase, label, this.requirement(), columns);
    } else if (phraseTerms(phrase).length) {
      // One quoted word: exactly that word, no typo tolerance, compounds or thesaurus.
      var requirement = this.requirement();
      this.addGroup(phrase.danish.length ? group([phrase.danish[0]], 1.0, "danish") : new Map(), label, requirement, columns);
      this.addGroup(phrase.english.length ? group([phrase.english[0]], 1.0, "english") : new Map(), label, requirement, columns);
    }
  };

  // _Parser.prefix: word* stands for every index term that begins with the folded letters.
  Parser.prototype.prefix = function (text, negated, columns) {
    var folded = S.fold(text).replace(/[^0-9a-z]/g, "");
    if (folded.length < 2) {
      return;
    }
    var terms = this.ctx.index.termsWithPrefix(folded, this.ctx.settings.maxPrefixTerms);
    if (negated) {
      if (terms.length) {
        this.parsed.excluded.push(terms);
      }
      return;
    }
    var found = terms.length ? group(terms, 1.0, "") : group([folded], 1.0, "");
    var kinds = this.parsed.kinds;
    found.forEach(function (_value, name) {
      if (!kinds.has(name)) {
        kinds.set(name, "prefix");
      }
    });
    this.addGroup(found, text + "*", this.requirement(), columns);
  };

  // _Parser.word: a plain word (maybe hyphenated), and for "it-klynge" also a phrase bonus.
  Parser.prototype.word = function (token, negated, columns) {
    var self = this;
    var pieces = S.parts(token);
    if (negated) {
      var excluded = [];
      pieces.forEach(function (piece) { excluded.push.apply(excluded, self.ctx.analyzer.queryTerms(piece)); });
      if (excluded.length) {
        this.parsed.excluded.push(excluded);
      }
      return [];
    }
    var units = [];
    var requirement = this.requirement();
    var domainWord = function (word) { return self.ctx.index.thesaurus.conceptsOf(word).length > 0; };
    pieces.forEach(function (piece) {
      wordGroups(self.ctx, self.vocabulary, piece, self.parsed.kinds, domainWord).forEach(function (found) {
        var before = self.parsed.groups.length;
        self.addGroup(found, token, requirement, columns);
        for (var unit = before; unit < self.parsed.groups.length; unit++) {
          units.push(unit);
        }
      });
    });
    if (pieces.length > 1) {
      this.addPhrase(this.phrase(token), token, null, columns);
    }
    return units;
  };

  // _Parser.expand: thesaurus terms for the words (and runs of words) of the plain text.
  Parser.prototype.expand = function (unitsByWord) {
    var self = this;
    var lookup = this.ctx.index.thesaurus;
    var plain = unitsByWord.map(function (pair) { return pair[0]; }).join(" ");
    if (!plain.trim()) {
      return;
    }
    var literal = new Set();
    this.parsed.groups.forEach(function (existing) { existing.forEach(function (t) { literal.add(t); }); });
    var firstWord = function (text) {
      var found = S.words(text);
      return found.length ? found[0] : null;
    };
    var position = 0;
    lookup.phraseExpansions(plain).forEach(function (item) {
      var phrase = item[0];
      var size = S.words(phrase).length;
      while (position < unitsByWord.length && firstWord(unitsByWord[position][0]) !== firstWord(phrase)) {
        position += 1;
      }
      var covered = [];
      unitsByWord.slice(position, position + size).forEach(function (pair) { covered.push.apply(covered, pair[1]); });
      position += size;
      item[1].forEach(function (expansion) {
        var termText = expansion[0];
        var language = expansion[1];
        var analysed = self.ctx.analyzer.phraseTerms(termText, language === "en");
        if (!analysed.length || (analysed.length === 1 && literal.has(analysed[0]))) {
          return;
        }
        if (analysed.length === 1 && !self.vocabulary.known(analysed[0], language === "en" ? "english" : "danish")) {
          return;
        }
        var made = { word: phrase, term: termText, language: language, concept: expansion[2], terms: analysed };
        var key = JSON.stringify(made);
        covered.forEach(function (unit) {
          if (!self.parsed.expansions.has(unit)) {
            self.parsed.expansions.set(unit, []);
          }
          var list = self.parsed.expansions.get(unit);
          if (!list.some(function (existing) { return JSON.stringify(existing) === key; })) {
            list.push(made);
          }
        });
      });
    });
  };

  // query._english_stopword
  function englishStopword(ctx, word) {
    return !S.isUpper(word) && !ctx.analyzer.wordTerm(word, true) && word.indexOf("-") < 0;
  }

  // query._plain_tokens: words, -words, field:words and prefix* of unquoted text.
  function plainTokens(text, fields) {
    var out = [];
    text.split(/\s+/).forEach(function (chunk) {
      if (!chunk) {
        return;
      }
      var negated = chunk.charAt(0) === "-" && chunk.length > 1 && /^[\p{L}\p{N}]/u.test(chunk.slice(1));
      chunk = negated ? chunk.slice(1) : chunk;
      var columns = null;
      var colon = chunk.indexOf(":");
      if (colon >= 0) {
        var name = S.casefold(chunk.slice(0, colon));
        var rest = chunk.slice(colon + 1);
        if (rest && has(fields, name)) {
          columns = fields[name];
          chunk = rest;
        }
      }
      var stripped = chunk.replace(/[.,;!?)\]}]+$/, "");
      if (stripped.slice(-1) === "*" && S.WORD_FULL.test(stripped.replace(/\*+$/, ""))) {
        out.push(["prefix", stripped.replace(/\*+$/, ""), negated, columns]);
        return;
      }
      S.words(chunk).forEach(function (word) { out.push(["word", word, negated, columns]); });
    });
    return out;
  }

  // query._tokens: (kind, text, negated, columns) in order; kind is quoted, prefix or word.
  function tokens(text, fields) {
    var out = [];
    var position = 0;
    var quoted = new RegExp(QUOTED_SOURCE, "gu");
    var match;
    while ((match = quoted.exec(text)) !== null) {
      out = out.concat(plainTokens(text.slice(position, match.index), fields));
      var field = match.groups.field;
      var name = S.casefold(field || "");
      var columns = field && has(fields, name) ? fields[name] : null;
      if (field && columns === null) {
        out = out.concat(plainTokens(field, fields)); // "foo:" is no field: read it as a word
      }
      out.push(["quoted", match.groups.text, Boolean(match.groups.sign), columns]);
      position = match.index + match[0].length;
    }
    return out.concat(plainTokens(text.slice(position), fields));
  }

  // query._english: whether most words are known to the index only as English words.
  function isEnglish(ctx, found, vocabulary) {
    var english = 0;
    var danish = 0;
    found.forEach(function (token) {
      if (token[0] !== "word") {
        return;
      }
      var da = ctx.analyzer.wordTerm(token[1], false);
      var en = ctx.analyzer.wordTerm(token[1], true);
      if (!da || !en) {
        return;
      }
      var inEnglish = vocabulary.known(en, "english");
      var inDanish = vocabulary.known(da, "danish");
      english += inEnglish && !inDanish ? 1 : 0;
      danish += inDanish && !inEnglish ? 1 : 0;
    });
    return english >= 2 && english > danish;
  }

  // query.parse_query: a user query analysed against the index vocabulary.
  function parseQuery(text, ctx) {
    var parser = new Parser(text.normalize("NFC"), ctx);
    var plain = [];
    var found = tokens(parser.parsed.text, ctx.fields);
    if (isEnglish(ctx, found, parser.vocabulary)) {
      found = found.filter(function (token) { return token[0] !== "word" || !englishStopword(ctx, token[1]); });
    }
    found.forEach(function (token) {
      var kind = token[0];
      if (kind === "quoted") {
        parser.quoted(token[1], token[2], token[3]);
      } else if (kind === "prefix") {
        parser.prefix(token[1], token[2], token[3]);
      } else {
        var units = parser.word(token[1], token[2], token[3]);
        if (units.length && token[3] === null) {
          plain.push([token[1], units]);
        }
      }
    });
    parser.expand(plain);
    return parser.parsed;
  }

  // The context parsing needs: the analyzer, the index, the settings and the field names.
  function Context(index, analyzer) {
    var settings = index.data.settings;
    return {
      index: index, analyzer: analyzer, settings: settings, fields: index.data.fields,
      parts: Parts(analyzer, settings),
    };
  }

  return {
    Context: Context, parseQuery: parseQuery, tokens: tokens, damerauLevenshtein: damerauLevenshtein,
    phraseTerms: phraseTerms, ENGLISH_COLUMN: ENGLISH_COLUMN,
  };
})();
