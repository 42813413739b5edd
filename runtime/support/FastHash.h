//===- support/FastHash.h - A fast 64-bit checksum -------------------------===//
//
// Detects accidental corruption (a truncated or bit-flipped file), not
// tampering: for that, keys are SHA-256. It reads 32 bytes per step in four
// independent lanes of multiply-rotate mixing, the structure of XXH64 (same
// primes and steps, so it runs at memory speed), instead of a byte-at-a-time
// hash that would dominate loading a module with megabytes of data.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

namespace wasmaot::runtime {

inline uint64_t fastHash64(std::span<const uint8_t> Bytes, uint64_t Seed = 0) {
  constexpr uint64_t P1 = 0x9E3779B185EBCA87ull, P2 = 0xC2B2AE3D27D4EB4Full,
                     P3 = 0x165667B19E3779F9ull, P4 = 0x85EBCA77C2B2AE63ull,
                     P5 = 0x27D4EB2F165667C5ull;
  auto Rotl = [](uint64_t X, int R) { return (X << R) | (X >> (64 - R)); };
  auto Read64 = [](const uint8_t *P) {
    uint64_t V;
    std::memcpy(&V, P, 8);
    return V;
  };
  auto Round = [&](uint64_t Acc, uint64_t Input) {
    return Rotl(Acc + Input * P2, 31) * P1;
  };
  auto Merge = [&](uint64_t Acc, uint64_t Lane) { return (Acc ^ Round(0, Lane)) * P1 + P4; };

  const uint8_t *P = Bytes.data();
  const uint8_t *End = P + Bytes.size();
  uint64_t H;
  if (Bytes.size() >= 32) {
    uint64_t V1 = Seed + P1 + P2, V2 = Seed + P2, V3 = Seed, V4 = Seed - P1;
    for (; P + 32 <= End; P += 32) {
      V1 = Round(V1, Read64(P));
      V2 = Round(V2, Read64(P + 8));
      V3 = Round(V3, Read64(P + 16));
      V4 = Round(V4, Read64(P + 24));
    }
    H = Rotl(V1, 1) + Rotl(V2, 7) + Rotl(V3, 12) + Rotl(V4, 18);
    H = Merge(Merge(Merge(Merge(H, V1), V2), V3), V4);
  } else {
    H = Seed + P5;
  }
  H += Bytes.size();
  for (; P + 8 <= End; P += 8)
    H = Rotl(H ^ Round(0, Read64(P)), 27) * P1 + P4;
  for (; P < End; ++P)
    H = Rotl(H ^ (*P * P5), 11) * P1;
  H ^= H >> 33;
  H *= P2;
  H ^= H >> 29;
  H *= P3;
  return H ^ (H >> 32);
}

} // namespace wasmaot::runtime
