//! The seeded generator behind container IDs and names, so every session is reproducible.

const LEFT: &str = include_str!("../data/names-left.txt");
const RIGHT: &str = include_str!("../data/names-right.txt");

/// SplitMix64: tiny, fast, and good enough for IDs that only need to look random.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// `stringid.GenerateRandomID`: 64 hex, retried while the 12-char prefix is all digits
    /// (it would read as a number).
    pub fn container_id(&mut self) -> String {
        loop {
            let id: String = (0..4).map(|_| format!("{:016x}", self.next_u64())).collect();
            if !id[..12].bytes().all(|b| b.is_ascii_digit()) {
                return id;
            }
        }
    }

    /// `namesgenerator.GetRandomName(retry)`.
    pub fn container_name(&mut self, retry: usize) -> String {
        let left: Vec<&str> = LEFT.lines().collect();
        let right: Vec<&str> = RIGHT.lines().collect();
        loop {
            let name = format!("{}_{}", left[self.below(left.len())], right[self.below(right.len())]);
            if name == "boring_wozniak" {
                continue;
            }
            return if retry > 0 { format!("{name}{}", self.below(10)) } else { name };
        }
    }
}

pub fn name_lists() -> (Vec<&'static str>, Vec<&'static str>) {
    (LEFT.lines().collect(), RIGHT.lines().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_64_hex_and_never_numeric_prefixes() {
        let mut rng = Rng::new(7);
        for _ in 0..2000 {
            let id = rng.container_id();
            assert_eq!(id.len(), 64);
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            assert!(!id[..12].bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn names_come_from_the_full_lists() {
        let (left, right) = name_lists();
        assert_eq!((left.len(), right.len()), (108, 236));
        let mut rng = Rng::new(1);
        for retry in 0..3 {
            let name = rng.container_name(retry);
            let (adjective, rest) = name.split_once('_').unwrap();
            assert!(left.contains(&adjective));
            let surname = rest.trim_end_matches(|c: char| c.is_ascii_digit());
            assert!(right.contains(&surname));
            assert_eq!(rest.len() - surname.len(), usize::from(retry > 0));
        }
    }
}
