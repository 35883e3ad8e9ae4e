//! The book's machine as the seed chapter prints it: two images, their layers and tags, and the
//! first container's ID and name. Data only, a leaf: the scenarios build it, and a lesson
//! variant renames it.

/// The book's first container (seed-tutorial.md), taken by the first `run`/`create`.
pub const BOOK_CONTAINER_ID: &str = "a21c0840213e84f995976a2dc293fffffce88a432577ed0b706031792793ab8c";
pub const BOOK_CONTAINER_NAME: &str = "romantic_euler";

pub struct BookLayer {
    pub diff_id: &'static str,
    pub chain_id: &'static str,
    pub size: u64,
}

pub const U16: [BookLayer; 5] = [
    BookLayer {
        diff_id: "sha256:e2d714d39e2421ae843ff100009bb7724c1a36030bfaafc8e6a3d1c152a1a5e6",
        chain_id: "sha256:e2d714d39e2421ae843ff100009bb7724c1a36030bfaafc8e6a3d1c152a1a5e6",
        size: 121_973_245,
    },
    BookLayer {
        diff_id: "sha256:d62452a581fa22450560c846d85e1f903d5335f9f0af6c76901236f30f61b03e",
        chain_id: "sha256:cde1e04401f458056ac4df040349ae135a6054b771471979de071e166c5aa72c",
        size: 45_612,
    },
    BookLayer {
        diff_id: "sha256:40274b9e4d3f5dce0b9353b34fa2395985a762247989bb88812f51af2d23c64b",
        chain_id: "sha256:0ae21649ceb337e731fede3aad650baa8bd4a54040328e629d94926e0c74a8e6",
        size: 870,
    },
    BookLayer {
        diff_id: "sha256:eef27d3c06ae7016eede1e6b1b318ebe55d9617baceaa1fde28a97d237e33472",
        chain_id: "sha256:74a4262e830e7522dbd543240654ec3a0d6cb4e445d4f0ee8c90e25903c76c65",
        size: 5,
    },
    BookLayer {
        diff_id: "sha256:6a323a4c466a1413ca21bcd9f560b92b075ade872f835af2b8fa003a38fe4c87",
        chain_id: "sha256:f21493dd2e11e297c07f7ace3553c24e72f3b6de06de72f5fe3a9999028785d4",
        size: 7,
    },
];

pub const U14: [BookLayer; 5] = [
    BookLayer {
        diff_id: "sha256:a7e1c363defb1f80633f3688e945754fc4c8f1543f07114befb5e0175d569f4c",
        chain_id: "sha256:a7e1c363defb1f80633f3688e945754fc4c8f1543f07114befb5e0175d569f4c",
        size: 187_724_930,
    },
    BookLayer {
        diff_id: "sha256:3871003d4f7214eb3ed3ec322ed2bc4339d1ed9fff5455c6218270993b19a25b",
        chain_id: "sha256:c357a3f74f16f61c2cc78dbb0ae1ff8c8f4fa79be9388db38a87c7d8010b2fe4",
        size: 194_535,
    },
    BookLayer {
        diff_id: "sha256:bd76345d13dbfd2e37ecdda58e4c39a3efe91f8416e8dac3dcafc1c9613a689f",
        chain_id: "sha256:19a7e879151723856fb640449481c65c55fc9e186405dd74ae6919f88eccce75",
        size: 1_895,
    },
    BookLayer {
        diff_id: "sha256:0e413e7bd29d2416c843d9848bbbff6ebc4be226e97331c8dc1b0bda65b6226d",
        chain_id: "sha256:7db5fb90eb6ffb6b5418f76dde5f685601fad200a8f4698432ebf8ba80757576",
        size: 511,
    },
    BookLayer {
        diff_id: "sha256:5d282b74f7b1871c0a6706aa8273a1864b9b36309d3ccce22468799c8a31ca66",
        chain_id: "sha256:8ea3b9ba4dd9d448d1ca3ca7afa8989d033532c11050f5e129d267be8de9c1b4",
        size: 7,
    },
];

pub const BOOK_U16_ID: &str = "sha256:2fa927b5cdd368da6b61bb3048a3a965e788e5ab06da47b84f809bcaa424eae3";
pub const BOOK_U14_ID: &str = "sha256:8f1bd21bd25c3fb1d4b00b7936a73a0664f932e11406c48a0ef19d82fd0b7342";
pub const BOOK_U16_TAGS: [&str; 3] = ["myubuntu:latest", "ubuntu:16.04", "ubuntu:latest"];
pub const BOOK_U14_TAGS: [&str; 1] = ["ubuntu:14.04"];

/// The book's tags as (repository, tag), for a variant to rename.
pub const BOOK_TAGS: [(&str, &str); 4] =
    [("myubuntu", "latest"), ("ubuntu", "16.04"), ("ubuntu", "latest"), ("ubuntu", "14.04")];

/// Every digest the book prints (images, layers, its container), for a variant to replace.
pub fn book_ids() -> Vec<&'static str> {
    let layers = U16.iter().chain(U14.iter()).flat_map(|l| [l.diff_id, l.chain_id]);
    [BOOK_U16_ID, BOOK_U14_ID, BOOK_CONTAINER_ID].into_iter().chain(layers).collect()
}
