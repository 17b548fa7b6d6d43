#include "common/dag.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace stackctl::deploy {

void run_dag(const std::vector<std::vector<std::size_t>>& after, const std::function<void(std::size_t)>& run,
             int parallel) {
  const std::size_t n = after.size();
  if (n == 0) return;
  std::vector<std::vector<std::size_t>> dependents(n);
  std::vector<std::size_t> remaining(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (auto d : after[i]) {
      dependents[d].push_back(i);
      ++remaining[i];
    }
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (remaining[i] == 0) ready.push_back(i);
  std::size_t finished = 0, running = 0;
  std::exception_ptr error;

  std::size_t workers = parallel <= 0 ? n : std::min<std::size_t>(n, static_cast<std::size_t>(parallel));
  auto worker = [&] {
    std::unique_lock lock(m);
    for (;;) {
      cv.wait(lock, [&] { return !ready.empty() || finished == n || (error && running == 0); });
      // A failed node's dependents never become ready, so an error ends the walk.
      if (finished == n || error) {
        cv.notify_all();
        return;
      }
      auto i = ready.front();
      ready.pop_front();
      ++running;
      lock.unlock();
      std::exception_ptr e;
      try {
        run(i);
      } catch (...) {
        e = std::current_exception();
      }
      lock.lock();
      --running;
      ++finished;
      if (e && !error) error = e;
      if (!e)
        for (auto d : dependents[i])
          if (--remaining[d] == 0) ready.push_back(d);
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace stackctl::deploy
