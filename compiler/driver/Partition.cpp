//===- driver/Partition.cpp ------------------------------------------------===//
#include "driver/Partition.h"

using namespace wasmaot;

std::vector<FunctionRange> wasmaot::partitionFunctions(const ir::Module &M, uint64_t Threshold,
                                                       uint64_t Weight) {
  uint32_t First = M.NumImportedFuncs, Last = M.Functions.size();
  uint64_t Total = 0;
  for (uint32_t Index = First; Index < Last; ++Index)
    Total += M.Functions[Index].Body.size();
  if (Total == 0 || Total < Threshold)
    return {{First, Last, Total}};

  // Parts of equal weight: the target is rounded so that the last part is
  // not a sliver.
  uint64_t Parts = (Total + Weight - 1) / Weight;
  uint64_t Target = (Total + Parts - 1) / Parts;
  std::vector<FunctionRange> Ranges;
  FunctionRange Current{First, First, 0};
  for (uint32_t Index = First; Index < Last; ++Index) {
    uint64_t Size = M.Functions[Index].Body.size();
    if (Current.Weight && Current.Weight + Size > Target) {
      Ranges.push_back(Current);
      Current = {Index, Index, 0};
    }
    Current.End = Index + 1;
    Current.Weight += Size;
  }
  if (Current.Begin != Current.End)
    Ranges.push_back(Current);
  return Ranges;
}
