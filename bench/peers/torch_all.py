# PyTorch 1.13 peer for bench-spec W1-W7. Usage: torch_all.py WORKLOAD_ID [threads]
# Prints one JSON object: {"id", "samples", "inner", "check", "foreign_cores", "peak_rss_mb"};
# same protocol as bench/timing.ts. bench/run.ts starts one process per workload and thread count.
import json, math, os, resource, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

wid = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)

def measure(run, warmup=3, reps=15, min_reps=3, budget=10.0):
    start = time.perf_counter()
    for _ in range(warmup):
        t0 = time.perf_counter(); run()
        if time.perf_counter() - t0 > 1: break
    t0 = time.perf_counter(); run(); once = time.perf_counter() - t0
    inner = min(500, max(1, int(0.01 // once))) if once > 0 else 500
    samples = [once] if inner == 1 else []
    s_start = time.perf_counter()
    while len(samples) < reps:
        if len(samples) >= min_reps and time.perf_counter() - s_start > budget: break
        if samples and time.perf_counter() + samples[-1] * inner - start > 80: break
        s0 = time.perf_counter()
        for _ in range(inner): run()
        samples.append((time.perf_counter() - s0) / inner)
    return samples, inner

check = {}
if wid == "W1_tiny_autograd":
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    def run():
        for _ in range(10_000):
            y = x * x + 2; s = y.sum(); s.backward(); x.grad.zero_()
    (x * x + 2).sum().backward(); check["grad_after_one_iteration"] = x.grad.tolist(); x.grad.zero_()
elif wid in ("W2a_add", "W2b_mul_add", "W3_sum"):
    a = torch.rand(10_000_000); b = torch.rand(10_000_000)
    if wid == "W2a_add":
        def run(): c = a + b
    elif wid == "W2b_mul_add":
        def run(): c = a * b + a
    else:
        def run(): s = a.sum().item()
        check["rel_error_vs_float64"] = abs(a.sum().item() - a.double().sum().item()) / a.double().sum().item()
elif wid.startswith("W4_matmul_"):
    n = int(wid.split("_")[-1]); a = torch.randn(n, n); b = torch.randn(n, n)
    def run(): c = a @ b
    check["max_abs_error"] = (a @ b - (a.double() @ b.double()).float()).abs().max().item()
elif wid == "W5_mlp_step":
    x = torch.rand(64, 784); y = torch.randint(0, 10, (64,))
    l1 = nn.Linear(784, 256); l2 = nn.Linear(256, 10)
    opt = torch.optim.SGD(list(l1.parameters()) + list(l2.parameters()), lr=0.1)
    def run():
        opt.zero_grad(); loss = F.cross_entropy(l2(F.relu(l1(x))), y); loss.backward(); opt.step(); return loss
    losses = [run().item() for _ in range(3)]; check["loss_decreases"] = losses[2] < losses[0]; check["losses"] = losses
elif wid in ("W6a_conv2d_fwd", "W6b_conv2d_fwd_bwd"):
    x = torch.randn(1, 64, 56, 56); w = torch.randn(64, 64, 3, 3) / 24; dy = torch.randn(1, 64, 56, 56)
    rel = lambda got, ref: ((got.double() - ref).abs().max() / ref.abs().max()).item()  # full tensors vs float64
    if wid == "W6a_conv2d_fwd":
        def run():
            with torch.no_grad(): F.conv2d(x, w, None, 1, 1)
        with torch.no_grad():
            check["max_error_vs_float64_rel_to_max"] = rel(F.conv2d(x, w, None, 1, 1), F.conv2d(x.double(), w.double(), None, 1, 1))
    else:
        x.requires_grad_(); w.requires_grad_()
        def run():
            x.grad = None; w.grad = None; F.conv2d(x, w, None, 1, 1).backward(dy)
        run(); gx, gw = x.grad, w.grad
        xd = x.detach().double().requires_grad_(); wd = w.detach().double().requires_grad_()
        F.conv2d(xd, wd, None, 1, 1).backward(dy.double())
        check["dx_max_error_vs_float64_rel_to_max"] = rel(gx, xd.grad); check["dw_max_error_vs_float64_rel_to_max"] = rel(gw, wd.grad)
elif wid == "W7_vgg11_step":
    layers = []; c = 3
    for v in [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]:
        if v == "M": layers.append(nn.MaxPool2d(2, 2))
        else: layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU()]; c = v
    model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(25088, 4096), nn.ReLU(), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 1000))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3); x = torch.randn(1, 3, 224, 224); label = torch.tensor([7])
    def run():
        opt.zero_grad(); loss = F.cross_entropy(model(x), label); loss.backward(); opt.step(); return loss
    check["losses"] = [run().item() for _ in range(2)]
else:
    raise SystemExit(f"unknown workload {wid}")

def cpu_jiffies():
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return v[0] + v[1] + v[2] + v[5] + v[6]  # user nice system irq softirq
    except OSError:
        return 0

# bench-spec's load.foreign_cores: CPU time of other processes during the workload / wall time.
j0, c0, w0 = cpu_jiffies(), sum(os.times()[:2]), time.perf_counter()
samples, inner = measure(run)
wall = time.perf_counter() - w0
foreign = max(0.0, ((cpu_jiffies() - j0) / os.sysconf("SC_CLK_TCK") - (sum(os.times()[:2]) - c0)) / wall) if wall > 0 else 0.0
peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
print(json.dumps({"id": wid, "samples": samples, "inner": inner, "check": check, "threads": threads, "version": torch.__version__,
                  "foreign_cores": foreign, "peak_rss_mb": peak_rss_mb}))
