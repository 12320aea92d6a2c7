// Precompiled for every torch-using translation unit of the core (see core/CMakeLists.txt).
#pragma once
#include <torch/torch.h>
