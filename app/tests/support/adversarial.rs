//! Adversarial inputs for the extractor, shared by the linear-time test and the benchmark:
//! texts that defeat naive segmentation, tokenising or figure reading.

/// Adversarial texts, each made by repeating a piece to about `bytes` bytes.
pub fn adversarial(bytes: usize) -> Vec<(&'static str, String)> {
    let pieces: [(&str, &str); 12] = [
        ("semicolons", "x; "),
        ("dotted abbreviation", "U.S......."),
        ("punctuation storm", "?!.,;:\"'()[]—…“”‘’ "),
        (
            "one endless sentence",
            "the police said that the group claimed at least 12 were killed and ",
        ),
        ("no spaces", "abcdefghijklmnopqrstuvwxyz0123456789"),
        ("quotation marks", "\"“”'"),
        ("numbers", "1 2,000 3.5 killed 40 "),
        ("capitalised names", "Ali Bakr Cole Dunn said "),
        ("parenthesised acronyms", "Islamic State (IS) "),
        ("line breaks", "a\n\n"),
        ("short sentences", "He said so. "),
        ("headline words", "Blast Kills 12 As Police Blame Group "),
    ];
    pieces
        .iter()
        .map(|(name, p)| {
            let mut s = String::with_capacity(bytes + p.len());
            while s.len() < bytes {
                s.push_str(p);
            }
            (*name, s)
        })
        .collect()
}
