//! Names in article texts that match no actor (`dossier check --unlinked`): the people and
//! organisations the sources keep naming that the analyst has not yet made actors of.
//!
//! A name is a run of capitalised words inside one sentence: "Shah Mehmood Qureshi",
//! "Ministry of External Affairs" (a few lowercase joiners are allowed between capitalised
//! words: of, bin, al, ud, ur, …), or one hyphenated word whose first and last parts are
//! capitalised ("Lashkar-e-Taiba", "Jaish-e-Mohammed"). A single capitalised word is not a
//! name here: it is too often a sentence's first word, a nationality or a title. The rules,
//! in order:
//!
//! 1. The names and aliases of the actors are found first (whole words, as the index finds
//!    mentions) and end any run; a run right before one ("Foreign Minister Shah Mehmood
//!    Qureshi") is the actor's title or description, and is left out.
//! 2. Month and day names and the words that open sentences ("The", "In", "But", "He", …)
//!    split a run; a possessive ("Qureshi's") ends one.
//! 3. A sentence's first word is capitalised whatever it is, so it counts as part of a name
//!    only when the dossier also capitalises it in the middle of a sentence.
//! 4. A name counts when it is found at least [`MIN_MENTIONS`] times across the dossier, and
//!    matches no actor's name or alias (ignoring case).
//!
//! The result is sorted by count (most first), then by name, so the output is deterministic.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The fewest mentions a name needs to be listed.
pub const MIN_MENTIONS: usize = 3;

/// A name that matches no actor, how often the texts use it, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    /// The name as the texts write it.
    pub name: String,
    /// How many times it is found, in all texts.
    pub count: usize,
    /// The texts it is found in (their positions in the list given), in order.
    pub texts: Vec<usize>,
}

/// Lowercase words allowed between two capitalised words of a name.
const JOINERS: &[&str] = &[
    "of", "bin", "ibn", "al", "ul", "ud", "ur", "e", "de", "da", "del", "der", "van", "von", "la", "le",
];

/// Capitalised words that are not part of a name (besides the months, `model::MONTHS`): days,
/// and the words that open sentences.
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "Without",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "Nor",
    "So",
    "Yet",
    "If",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "Since",
    "Although",
    "Though",
    "Because",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "There",
    "Here",
    "Also",
    "However",
    "Meanwhile",
    "According",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Words of a title ("Foreign Minister", "Secretary of State"), left off the front of a name
/// when at least two words remain: "Defence Secretary Liam Fox" is "Liam Fox", but "Foreign
/// Office" stays whole.
const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Foreign",
    "Interior",
    "Defence",
    "Defense",
    "Secretary",
    "of",
    "State",
    "General",
    "Gen",
    "Admiral",
    "Adm",
    "Colonel",
    "Col",
    "Lieutenant",
    "Lt",
    "Major",
    "Maj",
    "Captain",
    "Capt",
    "Chief",
    "Commander",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Deputy",
    "Assistant",
    "Senator",
    "Sen",
    "Governor",
    "Gov",
    "Judge",
    "Justice",
    "National",
    "Security",
    "Adviser",
    "Advisor",
];

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sen", "Rep", "Gov", "Prof", "St", "Jr", "No",
];

/// A capitalised word of a text, or what ends a run of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'t> {
    /// A word, and whether it opens its sentence.
    Word(&'t str, bool),
    /// Punctuation or a lowercase word: the end of a run.
    Break,
    /// An actor's name: the end of a run, and the run before it is a description of it.
    Actor,
}

/// Every name of `texts` used at least [`MIN_MENTIONS`] times that is none of `known` (the
/// actors' names and aliases).
pub fn find(texts: &[&str], known: &[&str]) -> Vec<Unlinked> {
    let known: Vec<&str> = known.iter().map(|k| k.trim()).filter(|k| !k.is_empty()).collect();
    let actors = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&known)
        .ok();
    let pieces: Vec<Vec<Piece>> = texts.iter().map(|t| pieces(t, actors.as_ref())).collect();
    // The words the dossier capitalises in the middle of a sentence.
    let mid: HashSet<&str> = pieces
        .iter()
        .flatten()
        .filter_map(|p| match p {
            Piece::Word(w, false) => Some(*w),
            _ => None,
        })
        .collect();
    let known_folded: HashSet<String> = known.iter().map(|k| k.to_lowercase()).collect();
    let mut found: BTreeMap<String, (usize, BTreeSet<usize>)> = BTreeMap::new();
    for (t, pieces) in pieces.iter().enumerate() {
        for name in names(pieces, &mid) {
            if known_folded.contains(&name.to_lowercase()) {
                continue;
            }
            let entry = found.entry(name).or_default();
            entry.0 += 1;
            entry.1.insert(t);
        }
    }
    let mut out: Vec<Unlinked> = found
        .into_iter()
        .filter(|(_, (count, _))| *count >= MIN_MENTIONS)
        .map(|(name, (count, texts))| Unlinked {
            name,
            count,
            texts: texts.into_iter().collect(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The names in one text's pieces (rules 1 to 3 of the module's documentation).
fn names<'t>(pieces: &[Piece<'t>], mid: &HashSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&'t str> = Vec::new();
    let finish = |run: &mut Vec<&'t str>, out: &mut Vec<String>| {
        // A joiner cannot end a name ("Ministry of").
        while run.last().is_some_and(|w| is_joiner(w)) {
            run.pop();
        }
        // Nor can a title open one, when a name is left without it.
        let titles = run.iter().take_while(|w| TITLES.contains(w)).count();
        if titles > 0 && run.len() - titles >= 2 {
            run.drain(..titles);
        }
        let is_name = run.len() >= 2 || run.first().is_some_and(|w| hyphenated_name(w));
        if is_name {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Word(w, initial) => {
                let stop = NOT_NAMES.contains(&w) || crate::model::MONTHS.contains(&w);
                if stop || (is_joiner(w) && run.is_empty()) {
                    finish(&mut run, &mut out);
                    continue;
                }
                // Rule 3: a sentence's first word, unless the dossier capitalises it elsewhere.
                if initial && !mid.contains(w) && !hyphenated_name(w) {
                    continue;
                }
                run.push(w);
                if pieces.get(i + 1) == Some(&Piece::Actor) {
                    // Rule 1: a description of the actor named next.
                    run.clear();
                }
            }
            Piece::Break | Piece::Actor => finish(&mut run, &mut out),
        }
    }
    finish(&mut run, &mut out);
    out
}

/// A joiner (`of`, `bin`, …): lowercase, so it only reaches a run between capitalised words.
fn is_joiner(w: &str) -> bool {
    JOINERS.contains(&w)
}

/// One hyphenated word whose first and last parts are capitalised ("Lashkar-e-Taiba").
fn hyphenated_name(w: &str) -> bool {
    let mut parts = w.split('-');
    let first = parts.next().unwrap_or("");
    let last = w.rsplit('-').next().unwrap_or("");
    w.contains('-') && capitalised(first) && capitalised(last)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A text as capitalised words and the breaks between runs of them.
fn pieces<'t>(text: &'t str, known: Option<&AhoCorasick>) -> Vec<Piece<'t>> {
    // Rule 1: where the actors' names are, as the index finds them (whole words).
    let mut actors: Vec<std::ops::Range<usize>> = Vec::new();
    if let Some(ac) = known {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        for m in ac.find_iter(text) {
            if !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next()) {
                actors.push(m.start()..m.end());
            }
        }
    }
    let mut actors = actors.into_iter().peekable();
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if let Some(r) = actors.peek()
            && r.start <= i
        {
            let end = r.end;
            actors.next();
            if end > i {
                out.push(Piece::Actor);
                sentence_start = false;
                i = end;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            let end = word_end(text, i);
            let next_actor = actors.peek().map_or(usize::MAX, |r| r.start);
            let mut end = end.min(next_actor.max(i + c.len_utf8()));
            // Initials keep their last full stop ("U.S."), which then ends no sentence.
            if bytes.get(end) == Some(&b'.') && is_initials(&text[i..end]) {
                end += 1;
            }
            let mut word = &text[i..end];
            // A possessive ends the name it closes.
            let possessive = ["'s", "’s"].iter().find_map(|s| word.strip_suffix(s));
            if let Some(w) = possessive {
                word = w;
            }
            // A hyphenated word is capitalised when its last part is too: "Pakistan-based"
            // describes, "Jamaat-ud-Dawa" names.
            let last = word.rsplit('-').next().unwrap_or(word);
            if (capitalised(word) && capitalised(last)) || (is_joiner(word) && !sentence_start) {
                out.push(Piece::Word(word, sentence_start));
            } else {
                out.push(Piece::Break);
            }
            if possessive.is_some() {
                out.push(Piece::Break);
            }
            sentence_start = false;
            i = end;
            // A full stop after an abbreviation does not end the sentence, and a title ("Mr.
            // Qureshi") is not part of the name.
            if bytes.get(i) == Some(&b'.') && ABBREVIATIONS.contains(&word) {
                i += 1;
                out.push(Piece::Break);
            }
            continue;
        }
        if !c.is_whitespace() || c == '\n' {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') {
                sentence_start = true;
            }
            if out.last() != Some(&Piece::Break) {
                out.push(Piece::Break);
            }
        }
        i += c.len_utf8();
    }
    out
}

/// Where the word starting at `start` ends: letters and digits, with hyphens, apostrophes and
/// the full stops of initials ("U.S.") between them.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + k + c.len_utf8();
            continue;
        }
        let joins = matches!(c, '-' | '\'' | '’' | '.') && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        // A full stop joins only single letters: "U.S", not "Qureshi.He".
        let initial_stop = c != '.'
            || text[start..start + k]
                .rsplit('.')
                .next()
                .is_some_and(|p| p.chars().count() == 1);
        if joins && initial_stop {
            continue;
        }
        break;
    }
    end
}

/// Initials such as "U.S" or "U" (before their last full stop).
fn is_initials(word: &str) -> bool {
    word.split('.').all(|p| p.chars().count() == 1 && capitalised(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(texts: &[&str], known: &[&str]) -> Vec<(String, usize)> {
        find(texts, known).into_iter().map(|u| (u.name, u.count)).collect()
    }

    #[test]
    fn multi_word_and_hyphenated_names_count_once_each() {
        // From content/articles/2008-12-pakistan-extends-crackdown-on-mumbai-suspects.md.
        let text = "Pakistani authorities have raided offices of Lashkar-e-Taiba, the group India \
                    blames for the Mumbai attacks. Lashkar-e-Taiba denied any role. Officials said \
                    Lashkar-e-Taiba had been banned. The charity Jamaat-ud-Dawa, which Shah Mehmood \
                    Qureshi discussed, is linked to it; Shah Mehmood Qureshi said so and Shah \
                    Mehmood Qureshi repeated it.";
        assert_eq!(
            names_in(&[text], &["India"]),
            [
                ("Lashkar-e-Taiba".to_string(), 3),
                ("Shah Mehmood Qureshi".to_string(), 3)
            ]
        );
        // Once an actor has the name, it is no longer listed.
        assert_eq!(
            names_in(&[text], &["India", "Lashkar-e-Taiba", "Shah Mehmood Qureshi"]),
            []
        );
    }

    #[test]
    fn a_title_before_an_actors_name_is_not_a_name() {
        let text = "Foreign Minister Shah Mehmood Qureshi spoke. Foreign Minister Shah Mehmood Qureshi \
                    left. Then Foreign Minister Shah Mehmood Qureshi returned.";
        assert_eq!(names_in(&[text], &["Shah Mehmood Qureshi"]), []);
        // Without the actor, the name without its title.
        assert_eq!(names_in(&[text], &[]), [("Shah Mehmood Qureshi".to_string(), 3)]);
    }

    #[test]
    fn sentence_openers_months_and_days_are_not_names() {
        // "The", "In" and month names split runs; "Islamabad" alone is one word.
        let text = "In November Islamabad said. The Islamabad government. On Monday November Islamabad \
                    replied. The Mumbai Police said. Later The Mumbai Police said again, and the \
                    Mumbai Police said it a third time.";
        assert_eq!(names_in(&[text], &[]), [("Mumbai Police".to_string(), 3)]);
    }

    #[test]
    fn a_sentence_initial_word_counts_only_when_capitalised_elsewhere() {
        // "Indian" opens sentences only: not part of the name. "Western" is capitalised
        // mid-sentence too ("the Western Union"), so it is part of the name.
        let text = "Indian Air Force jets flew. Indian Air Force jets returned. Indian Air Force \
                    jets left. Western Union closed. They used the Western Union twice: Western \
                    Union said so.";
        assert_eq!(
            names_in(&[text], &[]),
            [("Air Force".to_string(), 3), ("Western Union".to_string(), 3)]
        );
    }

    #[test]
    fn joiners_abbreviations_and_possessives() {
        let text = "the Ministry of External Affairs said; the Ministry of External Affairs' spokesman \
                    and the Ministry of External Affairs agreed. Osama bin Laden's aides met Osama bin \
                    Laden and Mr. Osama bin Laden. The U.S. Secretary of State said, U.S. Secretary of \
                    State agreed, U.S. Secretary of State left.";
        assert_eq!(
            names_in(&[text], &[]),
            [
                ("Ministry of External Affairs".to_string(), 3),
                ("Osama bin Laden".to_string(), 3),
                ("U.S. Secretary of State".to_string(), 3),
            ]
        );
    }

    #[test]
    fn names_in_the_example_articles() {
        // Sentences of content/articles/, as written there.
        let texts = [
            "He also said Pakistan's crackdown on the Jamaat-ud-Dawa, a charity with links to the terror \
             outfit Lashkar-e-Taiba (LeT), showed the country's \"commitment to eliminate sources of \
             terrorism on Pakistani soil.\"",
            "Security forces were acting on information gleaned from Zaki-ur-Rehman Lakhvi, an alleged \
             mastermind of the attacks who was picked up in the same region on Sunday.",
            "However, government and intelligence officials have confirmed that they include Lakhvi and \
             several other members of Lashkar-e-Taiba.",
            "Indian officials have named Lakhvi and another Lashkar-e-Taiba commander as orchestrators of \
             the attack.",
            "Pakistan-based Jaish-e-Muhammed claimed it. Pakistan-based Jaish-e-Muhammed was named. A \
             Pakistan-based group, Jaish-e-Muhammed, again.",
        ];
        assert_eq!(
            names_in(&texts, &["Pakistan"]),
            [("Jaish-e-Muhammed".to_string(), 3), ("Lashkar-e-Taiba".to_string(), 3)]
        );
        assert_eq!(names_in(&texts, &["Lashkar-e-Taiba", "Jaish-e-Muhammed"]), []);
    }

    #[test]
    fn counts_span_texts_and_need_three_mentions() {
        let found = find(
            &[
                "Zaki-ur-Rehman Lakhvi was held.",
                "the arrest of Zaki-ur-Rehman Lakhvi",
                "Jamaat-ud-Dawa",
            ],
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
        let found = find(
            &[
                "Zaki-ur-Rehman Lakhvi was held.",
                "the arrest of Zaki-ur-Rehman Lakhvi",
                "and Zaki-ur-Rehman Lakhvi",
            ],
            &[],
        );
        assert_eq!(
            found,
            [Unlinked {
                name: "Zaki-ur-Rehman Lakhvi".into(),
                count: 3,
                texts: vec![0, 1, 2],
            }]
        );
        // The order: most mentions first, then by name.
        let found = find(
            &["Ab Cd, Ab Cd, Ab Cd, Ef Gh, Ef Gh, Ef Gh, Ef Gh, Aa Bb, Aa Bb, Aa Bb"],
            &[],
        );
        let order: Vec<&str> = found.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(order, ["Ef Gh", "Aa Bb", "Ab Cd"]);
    }
}
