//===- tests/generator/Entropy.h - Where the generator's choices come from -===//
//
// Every choice the module generator makes is drawn from here: either from a
// libFuzzer input (so that mutating the bytes mutates the module, and an
// exhausted input makes every later choice the first, simplest option), or
// from a seeded pseudo-random sequence (splitmix64), so that a seed number
// names one module exactly, on every machine and in every run.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>

namespace wasmaot::gen {

class Entropy {
public:
  /// Choices read from the Size bytes at Data, which must outlive this.
  Entropy(const uint8_t *Data, size_t Size) : Data(Data), Size(Size) {}
  /// Choices from the pseudo-random sequence Seed starts.
  explicit Entropy(uint64_t Seed) : State(Seed), FromSeed(true) {}

  /// A number in [0, N); N must not be 0.
  uint32_t below(uint32_t N) {
    if (N <= 1)
      return 0;
    unsigned Bytes = N <= (1u << 8) ? 1 : N <= (1u << 16) ? 2 : 4;
    return static_cast<uint32_t>(take(Bytes) % N);
  }

  /// True with a probability of Percent / 100 (for seeds; for fuzzer bytes,
  /// by the next byte).
  bool chance(unsigned Percent) { return below(100) < Percent; }

  /// Any 64 bits, e.g. for a constant.
  uint64_t bits() { return take(8); }

  /// Whether a fuzzer input has been used up: from then on every choice is 0.
  bool exhausted() const { return !FromSeed && Pos >= Size; }

private:
  uint64_t take(unsigned Bytes) {
    if (FromSeed)
      return next();
    uint64_t V = 0;
    for (unsigned K = 0; K < Bytes && Pos < Size; ++K)
      V |= static_cast<uint64_t>(Data[Pos++]) << (8 * K);
    return V;
  }

  // splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
  // generators", 2014).
  uint64_t next() {
    uint64_t Z = (State += 0x9e3779b97f4a7c15ull);
    Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ull;
    Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebull;
    return Z ^ (Z >> 31);
  }

  const uint8_t *Data = nullptr;
  size_t Size = 0, Pos = 0;
  uint64_t State = 0;
  bool FromSeed = false;
};

} // namespace wasmaot::gen
