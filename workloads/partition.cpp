#include "workloads/partition.h"

#include <algorithm>

namespace systolica {

const char* to_string(PartitionStrategy s) {
  switch (s) {
    case PartitionStrategy::Channels:
      return "channels";
    case PartitionStrategy::Rows:
      return "rows";
    case PartitionStrategy::Batch:
      return "batch";
    case PartitionStrategy::Pipeline:
      return "pipeline";
    case PartitionStrategy::Auto:
      return "auto";
  }
  return "?";
}

bool parse_partition_strategy(std::string_view text, PartitionStrategy& out) {
  for (PartitionStrategy s : {PartitionStrategy::Channels, PartitionStrategy::Rows, PartitionStrategy::Batch,
                              PartitionStrategy::Pipeline, PartitionStrategy::Auto}) {
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

LayerRegion whole_layer(const Layer& l) {
  LayerRegion r;
  r.images = l.batch;
  r.rows = l.out_h();
  r.channels = l.on_array() && !l.depthwise()
                   ? l.out_c / l.groups
                   : l.out_channels();
  return r;
}

int splittable_channels(const Layer& l) {
  if (l.on_array() && l.groups > 1 && !l.depthwise()) return 0;
  if (l.kind == LayerKind::Vector) return 0;
  return l.out_channels();
}

namespace {

// `units` pieces of work shared by `parts`: part k's first unit and count, as even as whole units allow.
std::pair<int, int> share(int units, int parts, int k) {
  const int first = static_cast<int>(static_cast<long long>(units) * k / parts);
  const int next = static_cast<int>(static_cast<long long>(units) * (k + 1) / parts);
  return {first, next - first};
}

}  // namespace

std::vector<LayerRegion> split_layer(const Layer& l, PartitionStrategy strategy, int cores, int channel_unit,
                                     PartitionStrategy& used) {
  const LayerRegion whole = whole_layer(l);
  const int channels = splittable_channels(l);
  const int channel_units = channels > 0 ? (channels + channel_unit - 1) / channel_unit : 0;
  // Fall back when the requested dimension cannot be split at all.
  used = strategy;
  if (used == PartitionStrategy::Batch && l.batch < 2) used = PartitionStrategy::Channels;
  if (used == PartitionStrategy::Channels && channel_units < 2) used = PartitionStrategy::Rows;
  if (used == PartitionStrategy::Rows && l.out_h() < 2 && channel_units >= 2) used = PartitionStrategy::Channels;

  std::vector<LayerRegion> out;
  const int units = used == PartitionStrategy::Batch      ? l.batch
                    : used == PartitionStrategy::Channels ? channel_units
                                                          : l.out_h();
  const int parts = std::max(1, std::min(cores, units));
  for (int k = 0; k < parts; ++k) {
    const auto [first, count] = share(units, parts, k);
    LayerRegion r = whole;
    if (used == PartitionStrategy::Batch) {
      r.image0 = first;
      r.images = count;
    } else if (used == PartitionStrategy::Channels) {
      r.channel0 = first * channel_unit;
      r.channels = std::min(channels, (first + count) * channel_unit) - r.channel0;
    } else {
      r.row0 = first;
      r.rows = count;
    }
    out.push_back(r);
  }
  return out;
}

std::vector<int> pipeline_stages(const std::vector<double>& work, int cores) {
  double total = 0;
  for (double w : work) total += w;
  // Layer i goes to the stage its middle of work falls in. Stages move forward one at a time, so none is
  // empty, and (with layers enough) every core gets one: the last layers fill the stages still unused.
  std::vector<int> stage(work.size(), 0);
  const int used = static_cast<int>(std::min<std::size_t>(work.size(), static_cast<std::size_t>(cores)));
  double before = 0;
  int last = 0;
  for (std::size_t i = 0; i < work.size(); ++i) {
    const double middle = before + work[i] / 2;
    int s = total > 0 ? static_cast<int>(middle / total * used) : 0;
    const int left = static_cast<int>(work.size() - i) - 1;  // layers after this one
    s = std::clamp(s, i == 0 ? 0 : last, i == 0 ? 0 : std::min(last + 1, used - 1));
    s = std::max(s, used - 1 - left);
    stage[i] = s;
    last = s;
    before += work[i];
  }
  return stage;
}

}  // namespace systolica
