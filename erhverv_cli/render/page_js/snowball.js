/*
 * Snowball stemmers for Danish and English, as the CLI stems with PyStemmer (Snowball 3.1).
 *
 * The algorithms are the Snowball project's danish.sbl and english.sbl. No JavaScript output of
 * Snowball 3.x is published on the npm registry (the packages there carry Snowball 2.x stemmers,
 * which stem "international", "university", "evening" and "succes" otherwise than PyStemmer
 * does), so this file is the Snowball 3.1.1 compiler's Python output (the snowballstemmer
 * package) translated to JavaScript. The routines do what the compiled ones do, step for step,
 * but where the compiler writes a Snowball construct out anew at each use (gopast, goto, repeat,
 * do, setlimit, [substring], a chain of <- by among result) it is one helper of the runtime here,
 * or a table of replacements. The among tables are listed as the .sbl source lists them, the
 * strings of each result, and among_table builds the compiler's tables from them (the same
 * entries in the same order, with the same substring_i). The runtime below is snowballstemmer's
 * basestemmer.py in JavaScript, with those helpers.
 * tests/cli/test_page_search.py checks that these stemmers give PyStemmer's stems for every word
 * of the corpus and of the judged queries.
 *
 * Snowball licence (BSD-3-Clause):
 *
 * Copyright (c) 2001, Dr Martin Porter
 * Copyright (c) 2004,2005, Richard Boulton
 * Copyright (c) 2013, Yoshiki Shibukawa
 * Copyright (c) 2006-2025, Olly Betts
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 *
 *   1. Redistributions of source code must retain the above copyright notice,
 *      this list of conditions and the following disclaimer.
 *   2. Redistributions in binary form must reproduce the above copyright notice,
 *      this list of conditions and the following disclaimer in the documentation
 *      and/or other materials provided with the distribution.
 *   3. Neither the name of the Snowball project nor the names of its contributors
 *      may be used to endorse or promote products derived from this software
 *      without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR
 * ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
 * (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
 * LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON
 * ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
 * (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
 * SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
var ErhvervSnowball = (function () {
"use strict";

// The Snowball runtime the stemmers call (snowballstemmer's basestemmer.py and among.py, Snowball
// 3.1.1), in JavaScript: the string being stemmed, its cursor and limits, and the routines the
// generated code uses. A grouping is a string of its letters. A name ending in _b is the form
// for backward mode, which works leftward from the cursor down to limit_backward.
function Among(s, substring_i, result) {
  this.s = s;
  this.substring_i = substring_i;
  this.result = result;
}

// An among table as the compiler writes it, built from the strings of each result (a string of
// them, split at spaces; "" stands for the empty string), as the .sbl source lists them: the
// strings sorted (for backward mode, among_table_b, by their reversed letters), each one's
// substring_i the index of the longest other string it begins with (backward: ends with), or -1;
// being sorted, that string is the last such one before it.
function among_table(strings_by_result, backward) {
  var entries = [];
  Object.keys(strings_by_result).forEach(function (result) {
    strings_by_result[result].split(" ").forEach(function (s) {
      var key = backward ? s.split("").reverse().join("") : s;
      entries.push({ s: s, key: key, result: Number(result) });
    });
  });
  entries.sort(function (a, b) {
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return entries.map(function (entry, i) {
    var substring_i = -1;
    for (var j = 0; j < i; j++) {
      if (entry.key.slice(0, entries[j].key.length) === entries[j].key) substring_i = j;
    }
    return new Among(entry.s, substring_i, entry.result);
  });
}

function among_table_b(strings_by_result) {
  return among_table(strings_by_result, true);
}

function BaseStemmer() {
  this.set_current("");
}

BaseStemmer.prototype.set_current = function (value) {
  this.current = value;
  this.cursor = 0;
  this.limit = this.current.length;
  this.limit_backward = 0;
  this.bra = this.cursor;
  this.ket = this.limit;
};

BaseStemmer.prototype.get_current = function () {
  return this.current;
};

// One letter that is (inside) or is not (!inside) in the grouping s: the letter at the cursor,
// or in backward mode the one before it. The cursor moves over it; false where there is none.
BaseStemmer.prototype.grouping = function (s, inside, backward) {
  if (backward ? this.cursor <= this.limit_backward : this.cursor >= this.limit) return false;
  var letter = this.current.charAt(backward ? this.cursor - 1 : this.cursor);
  if ((s.indexOf(letter) >= 0) !== inside) return false;
  this.cursor += backward ? -1 : 1;
  return true;
};

BaseStemmer.prototype.in_grouping = function (s) {
  return this.grouping(s, true, false);
};

BaseStemmer.prototype.in_grouping_b = function (s) {
  return this.grouping(s, true, true);
};

BaseStemmer.prototype.out_grouping_b = function (s) {
  return this.grouping(s, false, true);
};

// Snowball's "gopast s" (inside) or "gopast non-s" (!inside): over the letters that are not
// (are) in s, then over the first one that is (is not); false, at the limit, where there is none.
// The compiled code's go_out_grouping and go_in_grouping with the step that follows them.
BaseStemmer.prototype.gopast_grouping = function (s, inside, backward) {
  while (this.grouping(s, !inside, backward)) {
    // skip the letters before the one sought
  }
  return this.grouping(s, inside, backward);
};

// Snowball's "gopast v gopast non-v": past the first non-vowel that follows a vowel, v being the
// grouping of vowels (where the regions R1 and R2 begin).
BaseStemmer.prototype.gopast_v_non_v = function (v) {
  return this.gopast_grouping(v, true) && this.gopast_grouping(v, false);
};

// Snowball's "gopast C" (past) or "goto C" (!past) forward, C being the routine test: from the
// cursor on, the first place where test succeeds, the cursor left after what it matched (gopast)
// or before it (goto); false, with the cursor where it was, where test succeeds nowhere.
BaseStemmer.prototype.go = function (test, past) {
  var start = this.cursor;
  while (true) {
    var c = this.cursor;
    if (test.call(this)) {
      if (!past) this.cursor = c;
      return true;
    }
    this.cursor = c;
    if (this.cursor >= this.limit) break;
    this.cursor += 1;
  }
  this.cursor = start;
  return false;
};

// Snowball's "repeat C" forward: the routine C for as long as it succeeds, the cursor left where
// the try that failed began.
BaseStemmer.prototype.repeat = function (routine) {
  while (true) {
    var c = this.cursor;
    if (!routine.call(this)) {
      this.cursor = c;
      return;
    }
  }
};

// Snowball's "do C" in backward mode, for each routine in turn: run it, whether it succeeds or
// not, then put the cursor back where it was, counted from the end (the routine may shorten it).
BaseStemmer.prototype.do_b = function () {
  for (var i = 0; i < arguments.length; i++) {
    var v = this.limit - this.cursor;
    arguments[i].call(this);
    this.cursor = this.limit - v;
  }
};

// Snowball's "setlimit tomark p for (C)" in backward mode: the routine C (given arg, if any) with
// the string before p out of its reach; C's result, or false (C not run) where the cursor stands
// before p.
BaseStemmer.prototype.within_b = function (p, routine, arg) {
  if (this.cursor < p) return false;
  var limit_backward = this.limit_backward;
  this.limit_backward = p;
  var result = routine.call(this, arg);
  this.limit_backward = limit_backward;
  return result;
};

// Snowball's "hop n": over n letters (leftward with hop_b); false, the cursor unmoved, where the
// string has fewer.
BaseStemmer.prototype.hop = function (n) {
  if (this.cursor + n > this.limit) return false;
  this.cursor += n;
  return true;
};

BaseStemmer.prototype.hop_b = function (n) {
  if (this.cursor - n < this.limit_backward) return false;
  this.cursor -= n;
  return true;
};

BaseStemmer.prototype.eq_s = function (s) {
  if (this.limit - this.cursor < s.length) return false;
  if (this.current.slice(this.cursor, this.cursor + s.length) !== s) return false;
  this.cursor += s.length;
  return true;
};

BaseStemmer.prototype.eq_s_b = function (s) {
  if (this.cursor - this.limit_backward < s.length) return false;
  if (this.current.slice(this.cursor - s.length, this.cursor) !== s) return false;
  this.cursor -= s.length;
  return true;
};

// Snowball's "['s']": the string s at the cursor, bracketed by bra and ket for a slice; in
// backward mode (bracket_b) s before the cursor, ket set before it is matched and bra after.
BaseStemmer.prototype.bracket = function (s) {
  this.bra = this.cursor;
  if (!this.eq_s(s)) return false;
  this.ket = this.cursor;
  return true;
};

BaseStemmer.prototype.bracket_b = function (s) {
  this.ket = this.cursor;
  if (!this.eq_s_b(s)) return false;
  this.bra = this.cursor;
  return true;
};

// Binary search of a sorted table of prefixes (or, backward, of suffixes) for the longest that
// matches at the cursor: its result, the cursor moved over it, or 0 with the cursor unmoved.
BaseStemmer.prototype.search_among = function (v, backward) {
  var step = backward ? -1 : 1, end = backward ? this.limit_backward : this.limit;
  var i = 0, j = v.length, c = this.cursor;
  var common_i = 0, common_j = 0, first_key_inspected = false;
  while (true) {
    var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j), w = v[k];
    for (; common < w.s.length; common++) {
      if (c + step * common === end) { diff = -1; break; }
      diff = backward
        ? this.current.charCodeAt(c - 1 - common) - w.s.charCodeAt(w.s.length - 1 - common)
        : this.current.charCodeAt(c + common) - w.s.charCodeAt(common);
      if (diff !== 0) break;
    }
    if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
    if (j - i <= 1) {
      if (i > 0) break;
      if (j === i) break;
      if (first_key_inspected) break;
      first_key_inspected = true;
    }
  }
  while (true) {
    var found = v[i];
    if (common_i >= found.s.length) {
      this.cursor = c + step * found.s.length;
      return found.result;
    }
    i = found.substring_i;
    if (i < 0) return 0;
  }
};

BaseStemmer.prototype.find_among = function (v) {
  return this.search_among(v, false);
};

BaseStemmer.prototype.find_among_b = function (v) {
  return this.search_among(v, true);
};

// Snowball's "[substring]" in backward mode, the among that follows it being v: the result of
// the suffix found, bracketed by ket and bra, or 0 where none is.
BaseStemmer.prototype.substring_b = function (v) {
  this.ket = this.cursor;
  var among_var = this.find_among_b(v);
  if (among_var !== 0) this.bra = this.cursor;
  return among_var;
};

BaseStemmer.prototype.replace_s = function (c_bra, c_ket, s) {
  var adjustment = s.length - (c_ket - c_bra);
  this.current = this.current.slice(0, c_bra) + s + this.current.slice(c_ket);
  this.limit += adjustment;
  if (this.cursor >= c_ket) this.cursor += adjustment;
  else if (this.cursor > c_bra) this.cursor = c_bra;
  return adjustment;
};

BaseStemmer.prototype.slice_from = function (s) {
  this.replace_s(this.bra, this.ket, s);
  this.ket = this.bra + s.length;
};

BaseStemmer.prototype.slice_del = function () {
  this.slice_from("");
};

// Snowball's "next] delete" in backward mode: the letter before the cursor, and what lies
// between it and ket, deleted; false where there is no letter before the cursor.
BaseStemmer.prototype.delete_next_b = function () {
  if (!this.hop_b(1)) return false;
  this.bra = this.cursor;
  this.slice_del();
  return true;
};

BaseStemmer.prototype.slice_to = function () {
  return this.current.slice(this.bra, this.ket);
};

BaseStemmer.prototype.stemWord = function (word) {
  this.set_current(word);
  this.stem();
  return this.get_current();
};

// Generated from danish.sbl by Snowball 3.1.1 - https://snowballstem.org/; translated from the Python the compiler wrote.
var DanishStemmer = (function () {
  var g_undouble_c = "bdfgklmnprst";
  var g_v = "aeiouyåæø";
  var g_s_ending = "'abcdfghjklmnoprtvyzå";
  var a_0 = among_table_b({
    1: "hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes " +
      "erendes enes ernes eres ens hedens erens ers ets erets et eret",
    2: "s"
  });
  var a_1 = among_table_b({ "-1": "gd dt gt kt" });
  var a_2 = among_table_b({ 1: "ig lig elig els", 2: "løst" });

  function DanishStemmer() {
    BaseStemmer.call(this);
    this.I_p1 = 0;
  }
  DanishStemmer.prototype = Object.create(BaseStemmer.prototype);
  DanishStemmer.prototype.constructor = DanishStemmer;

  function apostrophe() {
    return this.eq_s("'");
  }

  // p1: past the first apostrophe, or else past the first non-vowel after a vowel (the end where
  // there is neither), and at least 3. False, and the word left as it is, where it is shorter.
  DanishStemmer.prototype.r_mark_regions = function () {
    this.I_p1 = this.limit;
    var v_1 = this.cursor;
    if (this.go(apostrophe, true) || this.gopast_v_non_v(g_v)) {
      this.I_p1 = this.cursor;
    }
    this.cursor = v_1;
    if (!this.hop(3)) {
      return false;
    }
    if (this.I_p1 < this.cursor) {
      this.I_p1 = this.cursor;
    }
    this.cursor = v_1;
    return true;
  };

  DanishStemmer.prototype.r_main_suffix = function () {
    var among_var = this.within_b(this.I_p1, this.substring_b, a_0);
    if (!among_var) {
      return false;
    }
    if (among_var === 2 && !this.in_grouping_b(g_s_ending)) {
      return false;
    }
    this.slice_del();
    return true;
  };

  DanishStemmer.prototype.r_consonant_pair = function () {
    var v_1 = this.limit - this.cursor;
    if (!this.within_b(this.I_p1, this.substring_b, a_1)) {
      return false;
    }
    this.cursor = this.limit - v_1;
    return this.delete_next_b();
  };

  DanishStemmer.prototype.r_other_suffix = function () {
    var v_1 = this.limit - this.cursor;
    if (this.bracket_b("st") && this.eq_s_b("ig")) {
      this.slice_del();
    }
    this.cursor = this.limit - v_1;
    var among_var = this.within_b(this.I_p1, this.substring_b, a_2);
    if (!among_var) {
      return false;
    }
    if (among_var === 1) {
      this.slice_del();
      this.do_b(this.r_consonant_pair);
    } else {
      this.slice_from("løs");
    }
    return true;
  };

  // [undouble_c] ->ch, within p1: the letter, or "" where there is none.
  function undouble_letter() {
    this.ket = this.cursor;
    if (!this.in_grouping_b(g_undouble_c)) {
      return "";
    }
    this.bra = this.cursor;
    return this.slice_to();
  }

  DanishStemmer.prototype.r_undouble = function () {
    var S_ch = this.within_b(this.I_p1, undouble_letter);
    if (!S_ch || !this.eq_s_b(S_ch)) {
      return false;
    }
    this.slice_del();
    return true;
  };

  DanishStemmer.prototype.stem = function () {
    if (!this.r_mark_regions()) {
      return false;
    }
    this.limit_backward = this.cursor;
    this.cursor = this.limit;
    this.do_b(this.r_main_suffix, this.r_consonant_pair, this.r_other_suffix, this.r_undouble);
    if (!this.bracket_b("'")) {
      return false;
    }
    this.slice_del();
    this.cursor = this.limit_backward;
    return true;
  };
  return DanishStemmer;
})();

// Generated from english.sbl by Snowball 3.1.1 - https://snowballstem.org/; translated from the Python the compiler wrote.
var EnglishStemmer = (function () {
  var g_aeo = "aeo";
  var g_v = "aeiouy";
  var g_v_WXY = "Yaeiouwxy";
  var g_valid_LI = "cdeghkmnrt";
  var a_0 = among_table({ "-1": "arsen commun emerg gener inter later organ past univers" });
  var a_1 = among_table_b({ 1: "' 's' 's" });
  var a_2 = among_table_b({ 1: "sses", 2: "ied ies", 3: "s", "-1": "ss us" });
  var a_3 = among_table_b({ 1: "succ proc exc" });
  var a_4 = among_table_b({ 1: "y", 2: "even cann inn earr herr out" });
  // "" is the empty suffix, found where no other is.
  var a_5 = among_table_b({ "-1": "", 1: "eed eedly", 2: "ed edly ingly", 3: "ing" });
  var a_6 = among_table_b({ 1: "at bl iz", 2: "bb dd ff gg mm nn pp rr tt", 3: "" });
  var a_7 = among_table_b({
    1: "tional", 2: "enci", 3: "anci", 4: "abli", 5: "entli", 6: "izer ization",
    7: "ational ation ator", 8: "alism aliti alli", 9: "fulness fulli", 10: "ousli ousness",
    11: "iveness iviti", 12: "biliti bli", 13: "ogist", 14: "ogi", 15: "lessli", 16: "li"
  });
  // What replaces the suffix for each result of a_7 (Step_2), result N at index N - 1, as the
  // compiler's own as_11 does for exception1: the compiled Step_2 and Step_3 are chains of
  // "if (among_var === N) slice_from(...)". "" deletes. A result with a condition besides (a_7's
  // 14 and 16, a_8's 6) has it tested in the routine first.
  var as_7 = [
    "tion", "ence", "ance", "able", "ent", "ize", "ate", "al",
    "ful", "ous", "ive", "ble", "og", "og", "less", ""
  ];
  var a_8 = among_table_b({
    1: "tional", 2: "ational", 3: "alize", 4: "icate iciti ical", 5: "ful ness", 6: "ative"
  });
  // The same for a_8 (Step_3).
  var as_8 = ["tion", "ate", "al", "ic", "", ""];
  var a_9 = among_table_b({
    1: "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize",
    2: "ion"
  });
  var a_10 = among_table_b({ 1: "e", 2: "l" });
  var a_11 = among_table({
    1: "skis", 2: "skies", 3: "idly", 4: "gently", 5: "ugly", 6: "early", 7: "only", 8: "singly",
    "-1": "sky news howe atlas cosmos bias andes"
  });
  // What replaces the word for each result of a_11 (exception1), result N at index N - 1.
  var as_11 = ["ski", "sky", "idl", "gentl", "ugli", "earli", "onli", "singl"];

  function EnglishStemmer() {
    BaseStemmer.call(this);
    this.B_Y_found = false;
    this.I_p2 = 0;
    this.I_p1 = 0;
  }
  EnglishStemmer.prototype = Object.create(BaseStemmer.prototype);
  EnglishStemmer.prototype.constructor = EnglishStemmer;

  // v ['y']
  function vowel_y() {
    return this.in_grouping(g_v) && this.bracket("y");
  }

  // goto (v ['y']) <- 'Y' set Y_found
  function vowel_y_to_Y() {
    if (!this.go(vowel_y, false)) {
      return false;
    }
    this.slice_from("Y");
    this.B_Y_found = true;
    return true;
  }

  EnglishStemmer.prototype.r_prelude = function () {
    this.B_Y_found = false;
    var v_1 = this.cursor;
    if (this.bracket("'")) {
      this.slice_del();
    }
    this.cursor = v_1;
    if (this.bracket("y")) {
      this.slice_from("Y");
      this.B_Y_found = true;
    }
    this.cursor = v_1;
    this.repeat(vowel_y_to_Y);
    this.cursor = v_1;
    return true;
  };

  EnglishStemmer.prototype.r_mark_regions = function () {
    this.I_p1 = this.limit;
    this.I_p2 = this.limit;
    var v_1 = this.cursor;
    if (this.find_among(a_0) !== 0 || this.gopast_v_non_v(g_v)) {
      this.I_p1 = this.cursor;
      if (this.gopast_v_non_v(g_v)) {
        this.I_p2 = this.cursor;
      }
    }
    this.cursor = v_1;
    return true;
  };

  EnglishStemmer.prototype.r_shortv = function () {
    var v_1 = this.limit - this.cursor;
    if (this.out_grouping_b(g_v_WXY) && this.in_grouping_b(g_v) && this.out_grouping_b(g_v)) {
      return true;
    }
    this.cursor = this.limit - v_1;
    if (this.out_grouping_b(g_v) && this.in_grouping_b(g_v) && this.cursor <= this.limit_backward) {
      return true;
    }
    this.cursor = this.limit - v_1;
    return this.eq_s_b("past");
  };

  EnglishStemmer.prototype.r_R1 = function () {
    return this.I_p1 <= this.cursor;
  };

  EnglishStemmer.prototype.r_R2 = function () {
    return this.I_p2 <= this.cursor;
  };

  EnglishStemmer.prototype.r_Step_1a = function () {
    if (this.substring_b(a_1) !== 0) {
      this.slice_del();
    }
    var among_var = this.substring_b(a_2);
    if (among_var === 0) {
      return false;
    }
    if (among_var === 1) {
      this.slice_from("ss");
    } else if (among_var === 2) {
      this.slice_from(this.hop_b(2) ? "i" : "ie");
    } else if (among_var === 3) {
      if (!this.hop_b(1) || !this.gopast_grouping(g_v, true, true)) {
        return false;
      }
      this.slice_del();
    }
    return true;
  };

  // Step_1b's first alternative, for the suffix a_5 found (among_var): -eed and -eedly (1) become
  // -ee in R1 (not in succeed, proceed, exceed); -ing (3) stays on inning, outing, canning and the
  // like (a_4's 2) and becomes -ie after a lone consonant (dying); no suffix (-1) leaves the word.
  // False, for the second alternative to take the suffix off, for -ed, -edly and -ingly (2) and
  // any other -ing.
  EnglishStemmer.prototype.r_Step_1b_first = function (among_var) {
    if (among_var === 1) {
      var v_2 = this.limit - this.cursor;
      if (this.r_R1() && !(this.find_among_b(a_3) !== 0 && this.cursor <= this.limit_backward)) {
        this.cursor = this.limit - v_2;
        this.slice_from("ee");
      }
      this.cursor = this.limit - v_2;
    } else if (among_var === 2) {
      return false;
    } else if (among_var === 3) {
      among_var = this.find_among_b(a_4);
      if (among_var === 0) {
        return false;
      }
      if (among_var === 2) {
        return this.cursor <= this.limit_backward;
      }
      var v_4 = this.limit - this.cursor;
      if (!this.out_grouping_b(g_v) || this.cursor > this.limit_backward) {
        return false;
      }
      this.cursor = this.limit - v_4;
      this.bra = this.cursor;
      this.slice_from("ie");
    }
    return true;
  };

  EnglishStemmer.prototype.r_Step_1b = function () {
    this.ket = this.cursor;
    var among_var = this.find_among_b(a_5);
    this.bra = this.cursor;
    var v_1 = this.limit - this.cursor;
    if (this.r_Step_1b_first(among_var)) {
      return true;
    }
    // The second: the suffix deleted where a vowel stands before it (test gopast v), then the
    // stem's end seen to by a_6.
    this.cursor = this.limit - v_1;
    if (!this.gopast_grouping(g_v, true, true)) {
      return false;
    }
    this.cursor = this.limit - v_1;
    this.slice_del();
    this.ket = this.cursor;
    this.bra = this.cursor;
    var v_6 = this.limit - this.cursor;
    among_var = this.find_among_b(a_6);
    if (among_var === 2) {
      if (this.in_grouping_b(g_aeo) && this.cursor <= this.limit_backward) {
        return false;
      }
    } else {
      // at, bl, iz (1), or none of a_6 (3) where p1 is here and a short syllable ends here: an e
      // after the stem, and Step_1b fails.
      if (among_var === 3 && (this.cursor !== this.I_p1 || !this.r_shortv())) {
        return false;
      }
      this.slice_from("e");
      return false;
    }
    this.cursor = this.limit - v_6;
    this.ket = this.cursor;
    return this.delete_next_b();
  };

  EnglishStemmer.prototype.r_Step_1c = function () {
    this.ket = this.cursor;
    if (!this.eq_s_b("y") && !this.eq_s_b("Y")) {
      return false;
    }
    this.bra = this.cursor;
    if (!this.out_grouping_b(g_v) || this.cursor <= this.limit_backward) {
      return false;
    }
    this.slice_from("i");
    return true;
  };

  EnglishStemmer.prototype.r_Step_2 = function () {
    var among_var = this.substring_b(a_7);
    if (among_var === 0 || !this.r_R1()) {
      return false;
    }
    if ((among_var === 14 && !this.eq_s_b("l")) || (among_var === 16 && !this.in_grouping_b(g_valid_LI))) {
      return false;
    }
    this.slice_from(as_7[among_var - 1]);
    return true;
  };

  EnglishStemmer.prototype.r_Step_3 = function () {
    var among_var = this.substring_b(a_8);
    if (among_var === 0 || !this.r_R1() || (among_var === 6 && !this.r_R2())) {
      return false;
    }
    this.slice_from(as_8[among_var - 1]);
    return true;
  };

  EnglishStemmer.prototype.r_Step_4 = function () {
    var among_var = this.substring_b(a_9);
    if (among_var === 0 || !this.r_R2()) {
      return false;
    }
    if (among_var === 2 && !this.eq_s_b("s") && !this.eq_s_b("t")) {
      return false;
    }
    this.slice_del();
    return true;
  };

  EnglishStemmer.prototype.r_Step_5 = function () {
    var among_var = this.substring_b(a_10);
    if (among_var === 0) {
      return false;
    }
    if (among_var === 1) {
      // R2 or (R1 not shortv)
      if (!this.r_R2()) {
        if (!this.r_R1()) {
          return false;
        }
        var v_1 = this.limit - this.cursor;
        if (this.r_shortv()) {
          return false;
        }
        this.cursor = this.limit - v_1;
      }
    } else if (!this.r_R2() || !this.eq_s_b("l")) {
      return false;
    }
    this.slice_del();
    return true;
  };

  EnglishStemmer.prototype.r_exception1 = function () {
    this.bra = this.cursor;
    var among_var = this.find_among(a_11);
    if (among_var === 0) {
      return false;
    }
    this.ket = this.cursor;
    if (this.cursor < this.limit) {
      return false;
    }
    if (among_var > 0) {
      this.slice_from(as_11[among_var - 1]);
    }
    return true;
  };

  // Y_found repeat (goto (['Y']) <- 'y')
  function Y() {
    return this.bracket("Y");
  }

  function Y_to_y() {
    if (!this.go(Y, false)) {
      return false;
    }
    this.slice_from("y");
    return true;
  }

  EnglishStemmer.prototype.r_postlude = function () {
    if (!this.B_Y_found) {
      return false;
    }
    this.repeat(Y_to_y);
    return true;
  };

  EnglishStemmer.prototype.stem = function () {
    var v_1 = this.cursor;
    if (this.r_exception1()) {
      return true;
    }
    this.cursor = v_1;
    if (!this.hop(3)) {
      return true;
    }
    this.cursor = v_1;
    this.r_prelude();
    this.r_mark_regions();
    this.limit_backward = this.cursor;
    this.cursor = this.limit;
    this.do_b(
      this.r_Step_1a, this.r_Step_1b, this.r_Step_1c, this.r_Step_2, this.r_Step_3, this.r_Step_4,
      this.r_Step_5
    );
    this.cursor = this.limit_backward;
    var v_2 = this.cursor;
    this.r_postlude();
    this.cursor = v_2;
    return true;
  };
  return EnglishStemmer;
})();

return { DanishStemmer: DanishStemmer, EnglishStemmer: EnglishStemmer };
})();
