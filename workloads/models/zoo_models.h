#pragma once
// The model zoo's builders, one per network (private to workloads/models). Each takes the input tensor
// (batch x resolution x resolution x 3) and returns the validated network.
#include "workloads/network.h"

namespace systolica::zoo {

Network resnet18(const TensorShape& input);
Network resnet50(const TensorShape& input);
Network mobilenetv1(const TensorShape& input);
Network mobilenetv2(const TensorShape& input);

}  // namespace systolica::zoo
