//! One sort for (nearly) the whole program. Every `sort_by` with its own element type and
//! closure makes the compiler emit the sort algorithm again (several KB of wasm each, and the
//! page has about twenty); sorting a permutation through one comparison callback emits it once.
//! The sort is stable: ties keep their order. (The `images` listing, the one hot sort, keeps
//! its own.)

use std::cmp::Ordering;

pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, |a, b| a.cmp(b));
}

pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard sort: positions compared through `compare`, ties by
/// position (which is what makes the result stable).
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
}

/// Rearranges `items` so that the item at `order[i]` comes i-th.
fn permute<T>(items: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&at| slots.get_mut(at).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..60 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut standard = items.clone();
            standard.sort_by_key(|item| item.0);
            assert_eq!(ours, standard);
            let mut descending = items.clone();
            sort_by(&mut descending, |a, b| b.cmp(a));
            standard.sort_by(|a, b| b.cmp(a));
            assert_eq!(descending, standard);
        }
        let mut words = vec!["b".to_string(), "a".to_string(), "c".to_string()];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
    }
}
