#pragma once
// Layers given on the command line, so running one layer needs no file:
//   --gemm M,N,K                      or  --gemm m=3136,n=64,k=576
//   --conv H,W,C,K,R,S[,stride[,pad]]  or  --conv h=56,w=56,c=64,k=64,r=3,s=3,stride=1,pad=1
#include <string>

#include "workloads/layer.h"

namespace systolica {

// Throw UsageError naming the argument, the field and what is allowed.
Layer parse_gemm_arg(const std::string& spec, const std::string& name);
Layer parse_conv_arg(const std::string& spec, const std::string& name);


}  // namespace systolica
