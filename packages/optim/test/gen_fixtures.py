# Golden fixtures for @tsgrad/optim from real PyTorch 1.13 (/usr/bin/python3).
# Run: /usr/bin/python3 packages/optim/test/gen_fixtures.py
# Writes fixtures/optim.json: optimizer trajectories on fixed float32 params with stored
# per-step grads (so the tests need neither autograd nor RNG), a quadratic-loss run,
# lr scheduler trajectories, printed optimizers / state_dicts, and error messages.
import json, os, math, warnings
import torch

torch.manual_seed(1234)
STEPS = 5
# shapes: 5 elements (PyTorch's scalar loop) and 3x7 (vector loop plus tail); one param
# that never gets a grad (skipped, no state)
SHAPES = [[5], [3, 7]]
INIT = [torch.randn(s).tolist() for s in SHAPES]
GRADS = [[(torch.randn(s) * 0.5).tolist() for s in SHAPES] for _ in range(STEPS)]

def flat(t):
    return t.detach().reshape(-1).tolist()

def make_params():
    ps = [torch.tensor(v, dtype=torch.float32, requires_grad=True) for v in INIT]
    extra = torch.zeros(2, requires_grad=True)
    return ps, extra

def run(cls, kwargs, groups=None):
    ps, extra = make_params()
    if groups is None:
        opt = getattr(torch.optim, cls)(ps + [extra], **kwargs)
    else:
        gs = [dict(g, params=[ps[i] for i in g["params"]]) for g in groups]
        gs[-1]["params"].append(extra)
        opt = getattr(torch.optim, cls)(gs, **kwargs)
    traj = []
    for s in range(STEPS):
        opt.zero_grad()
        for p, g in zip(ps, GRADS[s]):
            p.grad = torch.tensor(g, dtype=torch.float32)
        opt.step()
        traj.append([flat(p) for p in ps])
    sd = opt.state_dict()
    state = {str(k): {n: (flat(v) if torch.is_tensor(v) and v.dim() > 0 else (v.item() if torch.is_tensor(v) else v))
                      for n, v in st.items()} for k, st in sd["state"].items()}
    return {
        "cls": cls, "kwargs": {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
        "groups": groups, "traj": traj, "repr": repr(opt), "state": state,
        "state_keys": {str(k): list(st.keys()) for k, st in sd["state"].items()},
        "param_groups_repr": repr(sd["param_groups"]),
        "state_dict_repr": repr(sd),
    }

CASES = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.01, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.001}),
    ("SGD", {"lr": 0.03, "momentum": 0.5, "maximize": True}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.02, "amsgrad": True}),
    ("Adam", {"lr": 0.02, "maximize": True, "amsgrad": True, "weight_decay": 0.01}),
    ("AdamW", {}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("AdamW", {"lr": 0.01, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.01, "alpha": 0.9, "centered": True}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.01}),
    ("RMSprop", {"lr": 0.005, "momentum": 0.5, "centered": True, "maximize": True}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.05}),
    ("Adagrad", {"lr": 0.1, "eps": 1e-5, "maximize": True}),
]
optim_cases = [run(c, k) for c, k in CASES]
# parameter groups with per-group options
optim_cases.append(run("SGD", {"lr": 0.1, "momentum": 0.9}, groups=[{"params": [0]}, {"params": [1], "lr": 0.01, "momentum": 0.5}]))
optim_cases.append(run("Adam", {"lr": 0.01}, groups=[{"params": [0], "betas": (0.5, 0.6)}, {"params": [1], "weight_decay": 0.2}]))

# Integration: grads from a quadratic loss through autograd (seed 003's model, 20 steps).
def quadratic(cls, kwargs, steps=20):
    x = torch.tensor([[1, 2], [2, 3], [4, 6], [3, 1]], dtype=torch.float32)
    y = torch.tensor([[8], [13], [26], [9]], dtype=torch.float32)
    w = torch.tensor([[1.0], [1.0]], requires_grad=True)
    opt = getattr(torch.optim, cls)([w], **kwargs)
    losses, ws = [], []
    for _ in range(steps):
        l = ((x.matmul(w) - y) ** 2).sum()
        opt.zero_grad()
        l.backward()
        opt.step()
        losses.append(l.item())
        ws.append(flat(w))
    return {"cls": cls, "kwargs": kwargs, "losses": losses, "w": ws}
quad = [quadratic("SGD", {"lr": 0.01}), quadratic("Adam", {"lr": 0.1}), quadratic("SGD", {"lr": 0.005, "momentum": 0.9, "nesterov": True})]

# closure: step(closure) returns the closure's loss
def closure_case():
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    out = []
    for _ in range(3):
        def closure():
            opt.zero_grad()
            l = (w * w).sum()
            l.backward()
            return l
        out.append(opt.step(closure).item())
    return {"losses": out, "w": flat(w)}

# lr schedulers: lr after each of 15 epochs, two param groups
def sched(name, kwargs, metrics=None, epochs=15):
    w1 = torch.zeros(1, requires_grad=True); w2 = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([{"params": [w1]}, {"params": [w2], "lr": 0.5}], lr=0.1, momentum=0.9)
    if name == "LambdaLR":
        s = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.95 ** e)
    else:
        s = getattr(torch.optim.lr_scheduler, name)(opt, **kwargs)
    lrs = [] ; groups = []
    for e in range(epochs):
        opt.step()
        if metrics is not None:
            s.step(metrics[e])
        else:
            s.step()
        lrs.append(s.get_last_lr() if hasattr(s, "get_last_lr") else s._last_lr)
        groups.append([g["lr"] for g in opt.param_groups])
    sd = s.state_dict()
    if name == "LambdaLR":
        sdr = repr(sd)
    else:
        sdr = repr(sd)
    return {"name": name, "kwargs": kwargs, "metrics": metrics, "lrs": lrs, "group_lrs": groups,
            "state_dict_repr": sdr, "state_keys": list(sd.keys()), "opt_repr": repr(opt)}

METRICS = [1.0, 0.9, 0.91, 0.92, 0.93, 0.89, 0.95, 0.96, 0.97, 0.99, 0.98, 0.97, 0.5, 0.6, 0.7]
scheds = [
    sched("StepLR", {"step_size": 4}),
    sched("StepLR", {"step_size": 3, "gamma": 0.5}),
    sched("MultiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.3}),
    sched("ExponentialLR", {"gamma": 0.9}),
    sched("CosineAnnealingLR", {"T_max": 6}),
    sched("CosineAnnealingLR", {"T_max": 4, "eta_min": 0.001}),
    sched("LambdaLR", {}),
    sched("ReduceLROnPlateau", {"patience": 2}, metrics=METRICS),
    sched("ReduceLROnPlateau", {"mode": "max", "factor": 0.5, "patience": 1, "cooldown": 2, "threshold_mode": "abs", "threshold": 0.01, "min_lr": [0.02, 0.2]}, metrics=METRICS),
]
# ReduceLROnPlateau has no get_last_lr before its first step; _last_lr after
for s in scheds:
    pass

# printing of a fresh optimizer, defaults and state
def fresh_prints():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    out = {}
    for cls in ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]:
        opt = getattr(torch.optim, cls)([w], lr=0.01) if cls == "SGD" else getattr(torch.optim, cls)([w])
        out[cls] = {"repr": repr(opt), "defaults": repr(opt.defaults), "group0": repr(opt.param_groups[0]),
                    "state": repr(opt.state), "state_dict": repr(opt.state_dict())}
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    w.grad = torch.tensor([0.5, -0.25])
    opt.step()
    out["sgd_state_after"] = repr(opt.state)
    out["sgd_state_dict_after"] = repr(opt.state_dict())
    opt2 = torch.optim.SGD([torch.tensor([1.0], requires_grad=True)], lr=0.1)
    opt2.add_param_group({"params": torch.tensor([3.0], requires_grad=True), "lr": 0.5})
    out["add_param_group"] = repr(opt2)
    opt3 = torch.optim.Adam([w], lr=0.1)
    w.grad = torch.tensor([0.5, -0.25])
    opt3.step()
    out["adam_state_dict_after"] = repr(opt3.state_dict())
    return out

def errors():
    out = []
    def rec(name, fn):
        try:
            fn()
            out.append({"name": name, "type": None, "msg": None})
        except Exception as e:
            out.append({"name": name, "type": type(e).__name__, "msg": str(e)})
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    rec("empty", lambda: torch.optim.SGD([], lr=0.1))
    rec("neg_lr", lambda: torch.optim.SGD([w], lr=-1))
    rec("neg_lr_float", lambda: torch.optim.Adam([w], lr=-0.5))
    rec("non_leaf", lambda: torch.optim.SGD([w * 2], lr=0.1))
    rec("tensor_params", lambda: torch.optim.SGD(w, lr=0.1))
    rec("double_tensor_params", lambda: torch.optim.SGD(torch.tensor([1.0], dtype=torch.float64), lr=0.1))
    rec("sgd_no_lr", lambda: torch.optim.SGD([w]))
    rec("nesterov", lambda: torch.optim.SGD([w], lr=0.1, nesterov=True))
    rec("momentum", lambda: torch.optim.SGD([w], lr=0.1, momentum=-0.5))
    rec("weight_decay", lambda: torch.optim.SGD([w], lr=0.1, weight_decay=-1))
    rec("beta0", lambda: torch.optim.Adam([w], betas=(1.0, 0.9)))
    rec("beta1", lambda: torch.optim.Adam([w], betas=(0.9, -0.1)))
    rec("eps", lambda: torch.optim.Adam([w], eps=-1e-8))
    rec("alpha", lambda: torch.optim.RMSprop([w], alpha=-1))
    rec("lr_decay", lambda: torch.optim.Adagrad([w], lr_decay=-1))
    rec("init_acc", lambda: torch.optim.Adagrad([w], initial_accumulator_value=-1))
    rec("not_tensor", lambda: torch.optim.SGD([1.0], lr=0.1))
    rec("unexpected_kw", lambda: torch.optim.SGD([w], lr=0.1, foo=1))
    def dup():
        o = torch.optim.SGD([w], lr=0.1)
        o.add_param_group({"params": [w]})
    rec("dup_group", dup)
    def lsd_groups():
        o = torch.optim.SGD([w], lr=0.1)
        o.load_state_dict({"state": {}, "param_groups": []})
    rec("load_groups", lsd_groups)
    def lsd_size():
        o = torch.optim.SGD([w], lr=0.1)
        o.load_state_dict({"state": {}, "param_groups": [{"lr": 0.1, "params": [0, 1]}]})
    rec("load_size", lsd_size)
    rec("factor", lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([w], lr=0.1), factor=1.0))
    rec("mode", lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([w], lr=0.1), mode="foo"))
    rec("not_optimizer", lambda: torch.optim.lr_scheduler.StepLR(5, 2))
    rec("lambdas", lambda: torch.optim.lr_scheduler.LambdaLR(torch.optim.SGD([w], lr=0.1), [lambda e: 1, lambda e: 2]))
    def resume():
        torch.optim.lr_scheduler.StepLR(torch.optim.SGD([w], lr=0.1), 2, last_epoch=3)
    rec("resume", resume)
    return out

# load_state_dict round trip: Adam trained 3 steps, state loaded into a fresh optimizer, 2 more steps
def roundtrip():
    ps, _ = make_params()
    opt = torch.optim.Adam(ps, lr=0.01, amsgrad=True)
    for s in range(3):
        for p, g in zip(ps, GRADS[s]): p.grad = torch.tensor(g)
        opt.step()
    sd = opt.state_dict()
    qs = [p.detach().clone().requires_grad_() for p in ps]
    opt2 = torch.optim.Adam(qs, lr=0.5)
    opt2.load_state_dict(sd)
    for s in range(3, 5):
        for p, g in zip(qs, GRADS[s]): p.grad = torch.tensor(g)
        opt2.step()
    return {"final": [flat(q) for q in qs], "repr": repr(opt2)}

warnings.simplefilter("ignore")
data = {
    "init": INIT, "grads": GRADS, "shapes": SHAPES,
    "optim": optim_cases, "quadratic": quad, "closure": closure_case(),
    "schedulers": scheds, "prints": fresh_prints(), "errors": errors(), "roundtrip": roundtrip(),
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "fixtures", "optim.json"), "w") as f:
    json.dump(data, f, indent=1)
print("wrote", len(optim_cases), "optimizer cases,", len(scheds), "schedulers")
