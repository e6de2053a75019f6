//! The learned part of the extractor: one logistic regression per output over hashed sparse
//! features (`features`), trained by `learn` and shipped as `model.bin`. The outputs are the
//! seven claim kinds (does this unit carry a claim of that kind?) and check-worthiness (is this
//! sentence a check-worthy factual claim, learned from ClaimBuster's debate sentences).
//!
//! Why this shape: a linear model over hashed features costs a few table reads per feature, so
//! it keeps extraction at tens of megabytes a second; it trains in well under a second, so the
//! evaluation can retrain it for every held-out event; and its weights fit a small file.

use std::sync::LazyLock;

use super::features::Features;
use crate::domain::ClaimKind;

/// Feature ids are hashed into `1 << BITS` buckets.
pub const BITS: u32 = 16;
const BUCKETS: usize = 1 << BITS;

/// The kinds in output order, then check-worthiness.
pub const KINDS: [ClaimKind; 7] = [
    ClaimKind::Casualty,
    ClaimKind::Attribution,
    ClaimKind::Denial,
    ClaimKind::Arrest,
    ClaimKind::Warning,
    ClaimKind::Event,
    ClaimKind::Statement,
];
/// The check-worthiness output.
pub const CHECKWORTHY: usize = 7;
pub const OUTPUTS: usize = 8;

/// The output index of `kind`.
pub fn output_of(kind: ClaimKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Weights of every output, bucket-major so one feature's weights share a cache line.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    weights: Vec<[f32; OUTPUTS]>,
    bias: [f32; OUTPUTS],
    /// The probability at or above which an output fires.
    pub thresholds: [f32; OUTPUTS],
    /// Which outputs were trained (an untrained output never fires).
    pub trained: [bool; OUTPUTS],
}

impl Default for Model {
    fn default() -> Self {
        Model {
            weights: Vec::new(),
            bias: [0.0; OUTPUTS],
            thresholds: [0.5; OUTPUTS],
            trained: [false; OUTPUTS],
        }
    }
}

/// The model shipped with the extractor (`model.bin`, made by the training command in its
/// header). A missing or unreadable file leaves the rules to decide alone.
pub fn builtin() -> &'static Model {
    static MODEL: LazyLock<Model> =
        LazyLock::new(|| Model::from_bytes(include_bytes!("model.bin")).unwrap_or_default());
    &MODEL
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Whether any output was trained.
    pub fn is_trained(&self) -> bool {
        self.trained.iter().any(|t| *t)
    }

    /// The probability of every output for a unit with these features.
    pub fn predict(&self, feats: &Features) -> [f32; OUTPUTS] {
        let mut z = self.bias;
        if !self.weights.is_empty() {
            for &f in &feats.shared {
                let w = &self.weights[f as usize & (BUCKETS - 1)];
                for k in 0..OUTPUTS {
                    z[k] += w[k];
                }
            }
            let scale = lexical_scale(feats.lexical.len());
            for &f in &feats.lexical {
                z[CHECKWORTHY] += self.weights[f as usize & (BUCKETS - 1)][CHECKWORTHY] * scale;
            }
        }
        z.map(sigmoid)
    }

    /// Trains the outputs that have labels in `examples` (each a unit's features and, per output,
    /// a label or none), by stochastic gradient descent with AdaGrad steps and L2 shrinkage, in
    /// a fixed order: the same examples give the same weights. Outputs without any label keep
    /// what `self` had.
    pub fn train(&mut self, examples: &[(Features, [Option<bool>; OUTPUTS])], opts: &TrainOptions) {
        if self.weights.is_empty() {
            self.weights = vec![[0.0; OUTPUTS]; BUCKETS];
        }
        let mut active = [false; OUTPUTS];
        for (_, labels) in examples {
            for k in 0..OUTPUTS {
                active[k] |= labels[k].is_some();
            }
        }
        let mut g2 = vec![[0.0f32; OUTPUTS]; BUCKETS];
        let mut bias_g2 = [0.0f32; OUTPUTS];
        for k in 0..OUTPUTS {
            if active[k] {
                self.bias[k] = 0.0;
                for w in &mut self.weights {
                    w[k] = 0.0;
                }
                self.trained[k] = true;
            }
        }
        // Positives are rare for some kinds: weigh them up to balance the classes, capped.
        let mut pos = [0.0f32; OUTPUTS];
        let mut neg = [0.0f32; OUTPUTS];
        for (_, labels) in examples {
            for k in 0..OUTPUTS {
                match labels[k] {
                    Some(true) => pos[k] += 1.0,
                    Some(false) => neg[k] += 1.0,
                    None => {}
                }
            }
        }
        let pos_weight: [f32; OUTPUTS] = std::array::from_fn(|k| {
            if pos[k] > 0.0 {
                (neg[k] / pos[k]).clamp(1.0, opts.max_positive_weight)
            } else {
                1.0
            }
        });
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (feats, labels) = &examples[i];
                let p = self.predict(feats);
                let scale = lexical_scale(feats.lexical.len());
                for k in 0..OUTPUTS {
                    let Some(y) = labels[k] else { continue };
                    let weight = if y { pos_weight[k] } else { 1.0 };
                    let g = (p[k] - if y { 1.0 } else { 0.0 }) * weight;
                    bias_g2[k] += g * g;
                    self.bias[k] -= opts.rate * g / (bias_g2[k].sqrt() + 1e-6);
                    let lexical: &[u32] = if k == CHECKWORTHY {
                        &feats.lexical
                    } else {
                        &[]
                    };
                    for (&f, x) in feats
                        .shared
                        .iter()
                        .map(|f| (f, 1.0))
                        .chain(lexical.iter().map(|f| (f, scale)))
                    {
                        let b = f as usize & (BUCKETS - 1);
                        let w = &mut self.weights[b][k];
                        let grad = g * x + opts.l2 * *w;
                        g2[b][k] += grad * grad;
                        *w -= opts.rate * grad / (g2[b][k].sqrt() + 1e-6);
                    }
                }
            }
        }
    }

    /// The model as bytes: a text header (what made it), then the non-zero weights of each
    /// output quantised to 8 bits with a per-output scale, buckets delta-coded as varints.
    pub fn to_bytes(&self, header: &str) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for line in header.lines() {
            out.extend_from_slice(b"# ");
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out.push(b'\n');
        out.extend_from_slice(&BITS.to_le_bytes());
        for k in 0..OUTPUTS {
            out.push(u8::from(self.trained[k]));
            out.extend_from_slice(&self.bias[k].to_le_bytes());
            out.extend_from_slice(&self.thresholds[k].to_le_bytes());
            let scale = quant_scale(self.weights.iter().map(|w| w[k]));
            out.extend_from_slice(&scale.to_le_bytes());
            let entries: Vec<(usize, i8)> = self
                .weights
                .iter()
                .enumerate()
                .filter_map(|(b, w)| {
                    let q = (w[k] / scale).round().clamp(-127.0, 127.0) as i8;
                    (q != 0).then_some((b, q))
                })
                .collect();
            out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            let mut prev = 0usize;
            for (b, q) in entries {
                write_varint(&mut out, (b - prev) as u32);
                out.push(q as u8);
                prev = b;
            }
        }
        out
    }

    /// Reads what `to_bytes` wrote.
    ///
    /// # Errors
    /// A message saying what is wrong when the bytes are not a model of this version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a claimtrail extractor model")?;
        let body_at = rest
            .windows(2)
            .position(|w| w == b"\n\n")
            .map(|p| p + 2)
            .or_else(|| rest.starts_with(b"\n").then_some(1))
            .ok_or("the model header does not end")?;
        let mut r = Reader(&rest[body_at..]);
        let bits = r.u32()?;
        if bits != BITS {
            return Err(format!(
                "the model has {bits}-bit features, the code {BITS}"
            ));
        }
        let mut m = Model {
            weights: vec![[0.0; OUTPUTS]; BUCKETS],
            ..Model::default()
        };
        for k in 0..OUTPUTS {
            m.trained[k] = r.u8()? != 0;
            m.bias[k] = r.f32()?;
            m.thresholds[k] = r.f32()?;
            let scale = r.f32()?;
            let n = r.u32()?;
            let mut b = 0usize;
            for _ in 0..n {
                b += r.varint()? as usize;
                let q = r.u8()? as i8;
                *m.weights
                    .get_mut(b)
                    .ok_or("a weight lies outside the feature space")?
                    .get_mut(k)
                    .ok_or("bad output")? = f32::from(q) * scale;
            }
        }
        Ok(m)
    }

    /// The same model as it reads back from `to_bytes`: what ships is what is measured.
    pub fn quantised(&self) -> Model {
        Model::from_bytes(&self.to_bytes("")).unwrap_or_else(|_| self.clone())
    }
}

/// How SGD is run.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    pub max_positive_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            rate: 0.1,
            l2: 1e-4,
            max_positive_weight: 3.0,
        }
    }
}

const MAGIC: &[u8] = b"claimtrail-extractor-model v1\n";

/// Each word feature counts for 1/sqrt(n) of a unit with n of them, so long sentences do not
/// win by length alone.
fn lexical_scale(n: usize) -> f32 {
    1.0 / (n.max(1) as f32).sqrt()
}

fn quant_scale(ws: impl Iterator<Item = f32>) -> f32 {
    let max = ws.fold(0.0f32, |m, w| m.max(w.abs()));
    if max == 0.0 { 1.0 } else { max / 127.0 }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or("the model file is cut short")?;
        self.0 = rest;
        Ok(*head)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take()?))
    }
    fn varint(&mut self) -> Result<u32, String> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a malformed number in the model file".into())
    }
}

/// A small deterministic generator for shuffling training examples.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trained_model_reads_back_from_its_bytes() {
        let f = |v: Vec<u32>| Features {
            shared: v,
            lexical: Vec::new(),
        };
        let ex: Vec<(Features, [Option<bool>; OUTPUTS])> = (0..40u32)
            .map(|i| {
                let y = i % 2 == 0;
                let mut labels = [None; OUTPUTS];
                labels[0] = Some(y);
                (f(vec![i, if y { 7 } else { 9 }]), labels)
            })
            .collect();
        let mut m = Model::default();
        m.train(&ex, &TrainOptions::default());
        assert!(m.predict(&f(vec![7]))[0] > 0.5 && m.predict(&f(vec![9]))[0] < 0.5);
        let bytes = m.to_bytes("made by a test");
        let back = Model::from_bytes(&bytes).expect("reads back");
        assert!(back.trained[0] && !back.trained[1]);
        assert!((back.predict(&f(vec![7]))[0] - m.predict(&f(vec![7]))[0]).abs() < 0.02);
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
