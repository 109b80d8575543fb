//! Arbitrary bytes into `parse_bytes`: no panic, labels and tree spans inside the input and on
//! char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = imr_determination::parse_bytes(data);
    imr_determination_fuzz::check(&parsed);
});
