#pragma once
// A bounded-parallel walk of a DAG (private to deploy): node i runs once every node in after[i]
// has finished. The first exception stops scheduling; running nodes finish; it is rethrown.
#include <cstddef>
#include <functional>
#include <vector>

namespace stackctl::deploy {

void run_dag(const std::vector<std::vector<std::size_t>>& after, const std::function<void(std::size_t)>& run,
             int parallel);

}  // namespace stackctl::deploy
