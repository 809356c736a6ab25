# PyTorch 1.13 peer for W1 (bench-spec): prints JSON {"samples_us": [...]} for the tutorial loop.
import json, sys, time
import torch

torch.set_num_threads(1)

def execution():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    t0 = time.perf_counter()
    for _ in range(10_000):
        y = x * x + 2
        s = y.sum()
        s.backward()
        x.grad.zero_()
    dt = time.perf_counter() - t0
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    return dt * 1e6 / 10_000

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
execution()  # warm-up
samples = [execution() for _ in range(reps)]
print(json.dumps({"samples_us": samples, "version": torch.__version__}))
