#include <gtest/gtest.h>
#include <torch/torch.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Two cores on CI machines: more intra-op threads than that only adds contention.
  torch::set_num_threads(2);
  return RUN_ALL_TESTS();
}
