#pragma once
// A fixed number of slots, each tracking one line: the shape of both the MSHR file and the write buffer.
// Slot ids are stable while a slot is busy, so the SystemC side can keep one payload per slot and never
// allocate during the run. Finding a line is a hash lookup, whatever the number of slots.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "arch/cache/cache_check.h"

namespace systolica {

template <class Entry>
class LineSlots {
 public:
  explicit LineSlots(int slots) : entries_(slots), busy_(slots, false), line_of_(slots, 0) {
    for (int i = slots - 1; i >= 0; --i) {
      free_.push_back(i);
    }
  }

  int find(std::uint64_t line) const {
    const auto it = index_.find(line);
    return it == index_.end() ? -1 : it->second;
  }
  bool full() const { return free_.empty(); }
  int in_use() const { return static_cast<int>(index_.size()); }
  int slots() const { return static_cast<int>(entries_.size()); }
  bool busy(int id) const { return busy_[id]; }

  int allocate(std::uint64_t line) {
    L2_CHECK(!full() && find(line) < 0, "allocating a slot for line {:#x} (full {}, present {})", line,
             full(), find(line) >= 0);
    const int id = free_.back();
    free_.pop_back();
    busy_[id] = true;
    index_.emplace(line, id);
    line_of_[id] = line;
    return id;
  }
  void release(int id) {
    L2_CHECK(busy_[id], "releasing idle slot {}", id);
    busy_[id] = false;
    index_.erase(line_of_[id]);
    free_.push_back(id);
  }
  std::uint64_t line(int id) const { return line_of_[id]; }
  Entry& at(int id) { return entries_[id]; }
  const Entry& at(int id) const { return entries_[id]; }

 private:
  std::vector<Entry> entries_;
  std::vector<bool> busy_;
  std::vector<std::uint64_t> line_of_;
  std::vector<int> free_;  // lowest id on top, so runs are easy to read in a debugger
  std::unordered_map<std::uint64_t, int> index_;
};

}  // namespace systolica
