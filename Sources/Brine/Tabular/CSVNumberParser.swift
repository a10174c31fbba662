#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from bytes without allocating, with the same correctly rounded result
/// as `Double(String)`: a fast path (Clinger's) for at most 19 significant digits and a power of ten
/// within ±22 (both exact in a `Double`, so one rounding), else `strtod` on a stack copy.
enum CSVNumberParser {
    /// 10^k for 0 ≤ k ≤ 22 (exact in a `Double`). A `switch` over literals compiles to a constant
    /// table: no lazy global initialisation or bounds check on the hot path.
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The number spelled by `count` bytes at `start`, or `nil` when they are not one.
    /// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit before the exponent)
    /// and `[+-]inf` / `[+-]infinity` in any case.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var length = 0
        guard let value = prefix(start, count, length: &length, allowInfinity: true), length == count else { return nil }
        return value
    }

    /// The number spelled by the longest prefix of the `count` bytes at `start` that the grammar
    /// allows (its byte count in `length`), or `nil` when no number starts there or the exponent is
    /// malformed. Infinity is recognised only when `allowInfinity` (then the whole range must be it).
    @inline(__always)
    static func prefix(_ start: UnsafePointer<UInt8>, _ count: Int, length: inout Int, allowInfinity: Bool) -> Double? {
        guard count > 0 else { return nil }
        var i = 0
        var negative = false
        if start[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if start[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var truncated = false
        while i < count {
            if mantissa != 0 && significant <= 11 && i + 8 <= count, let eight = eightDigits(start + i) {
                mantissa = mantissa &* 100_000_000 &+ eight; significant &+= 8; i &+= 8
                continue
            }
            let digit = start[i] &- 48
            guard digit < 10 else { break }
            sawDigit = true
            if mantissa == 0 && digit == 0 {
            } else if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit); significant &+= 1
            } else { truncated = true; exponent += 1 }
            i &+= 1
        }
        if i < count && start[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < count {
                if mantissa != 0 && significant <= 11 && i + 8 <= count, let eight = eightDigits(start + i) {
                    mantissa = mantissa &* 100_000_000 &+ eight; significant &+= 8; exponent &-= 8; i &+= 8
                    continue
                }
                let digit = start[i] &- 48
                guard digit < 10 else { break }
                sawDigit = true
                if mantissa == 0 && digit == 0 {
                    exponent -= 1
                } else if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit); significant &+= 1; exponent &-= 1
                } else { truncated = true }
                i &+= 1
            }
        }
        guard sawDigit else {
            guard allowInfinity, let value = infinity(start + i, count - i, negative: negative) else { return nil }
            length = count
            return value
        }
        if i < count && (start[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            var exponentNegative = false
            if i < count && (start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+")) {
                exponentNegative = start[i] == UInt8(ascii: "-"); i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < count {
                let digit = start[i] &- 48
                guard digit < 10 else { break }
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(digit) } else { truncated = true }
                i &+= 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        length = i
        if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
        if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= powerOfTen(-exponent) } else { value *= powerOfTen(exponent) }
            return negative ? -value : value
        }
        #if arch(x86_64) && !os(Windows)
        if !truncated && exponent >= -27 && exponent <= 27 {
            // 64-bit significands hold the mantissa and 10^|e| exactly; the quotient or product is
            // rounded once to 64 bits. Rounding that to 53 bits gives the correctly rounded Double
            // unless it lies within one 64-bit unit of a halfway point: those go to strtod.
            let power = powerOfTen80(exponent < 0 ? -exponent : exponent)
            let wide = exponent < 0 ? Float80(mantissa) / power : Float80(mantissa) * power
            let low = wide.significandBitPattern & 0x7FF
            if low < 0x3FF || low > 0x401 {
                let value = Double(wide)
                return negative ? -value : value
            }
        }
        #endif
        return slowPath(start, i)
    }

    #if arch(x86_64) && !os(Windows)
    /// 10^k exactly, for 0 ≤ k ≤ 27 (5^27 < 2^64), from literals (see ``powerOfTen(_:)``).
    @inline(__always)
    private static func powerOfTen80(_ k: Int) -> Float80 {
        switch k {
        case 0...22: return Float80(powerOfTen(k))
        case 23: return 1e23
        case 24: return 1e24
        case 25: return 1e25
        case 26: return 1e26
        default: return 1e27
        }
    }
    #endif

    /// The value of 8 ASCII digits at `start` (most significant first), or `nil` when one is not a digit.
    @inline(__always)
    private static func eightDigits(_ start: UnsafePointer<UInt8>) -> UInt64? {
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start, count: 8)) }
        word = UInt64(littleEndian: word)
        // simdjson's is_made_of_eight_digits_fast and parse_eight_digits_unrolled.
        guard ((word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
                == 0x3333_3333_3333_3333 else { return nil }
        var value = word &- 0x3030_3030_3030_3030
        value = ((value & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return value
    }

    /// `strtod` on a NUL-terminated copy (the bytes are already known to spell a decimal number).
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: count)
            base[count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &end)
            guard let end, end - base == count else { return nil }
            return value
        }
    }

    /// ±infinity for `inf` or `infinity` (any case), else `nil`.
    private static func infinity(_ start: UnsafePointer<UInt8>, _ count: Int, negative: Bool) -> Double? {
        guard count == 3 || count == 8 else { return nil }
        let word: [UInt8] = Array("infinity".utf8)
        for k in 0..<count where start[k] | 0x20 != word[k] { return nil }
        return negative ? -.infinity : .infinity
    }
}
