;; The CSV reader's delimiter scan (delimiters.ts), in WebAssembly with 128-bit SIMD:
;; 16 bytes compared at once where JavaScript compares one. `npm run wasm` compiles
;; this file into delimiters-wasm.ts; a test checks that the two agree.
(module
  (memory (export "memory") 1)
  ;; Writes the offset of every comma, LF, quote and CR in memory[from, to) as an i32
  ;; from `out` on, in order, and returns where it stopped writing.
  (func (export "delimiters") (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $at i32) (local $mask i32) (local $block v128)
    (local.set $at (local.get $from))
    ;; Whole blocks of 16 bytes: a bit per byte that is one of the four.
    (block $blocks_done
      (loop $blocks
        (br_if $blocks_done (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $to)))
        (local.set $block (v128.load align=1 (local.get $at)))
        (local.set $mask
          (i8x16.bitmask
            (v128.or
              (v128.or
                (i8x16.eq (local.get $block) (i8x16.splat (i32.const 0x2c)))
                (i8x16.eq (local.get $block) (i8x16.splat (i32.const 0x0a))))
              (v128.or
                (i8x16.eq (local.get $block) (i8x16.splat (i32.const 0x22)))
                (i8x16.eq (local.get $block) (i8x16.splat (i32.const 0x0d)))))))
        ;; Each set bit, lowest first.
        (block $bits_done
          (loop $bits
            (br_if $bits_done (i32.eqz (local.get $mask)))
            (i32.store (local.get $out) (i32.add (local.get $at) (i32.ctz (local.get $mask))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $blocks)))
    ;; The last bytes, fewer than 16, one at a time.
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $at) (local.get $to)))
        (if (i32.or
              (i32.or (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x2c)) (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x0a)))
              (i32.or (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x22)) (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x0d))))
          (then
            (i32.store (local.get $out) (local.get $at))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $tail)))
    (local.get $out)))
