// The matmul family: grad_fn chains and error messages as PyTorch 1.13 has them, values and
// gradients of the broadcasting/folding paths and of addmm/addmv/baddbmm. Every expected value
// was printed by PyTorch 1.13 (/usr/bin/python3) on the same inputs.
import { describe, expect, it } from "vitest";
import { dialectFunctions, float64, torchDialect, type Tensor } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);

/** sin(0.731 * arange(n)) in float64, reshaped: the same inputs the Python script used. */
function mk(...shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.arange(n, { dtype: float64 }).mul(0.731).sin().reshape(shape).detach().requires_grad_();
}
const ones = (...shape: number[]): Tensor => torch.ones(shape);

function close(actual: number[], expected: number[], tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(expected[i]!))));
}
const flat = (t: Tensor): number[] => t.flatten().tolist();

/** grad_fn names from the output down the last edge that is not a leaf accumulator. */
function chain(t: Tensor): string[] {
  const out: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let f: any = t.grad_fn;
  while (f) {
    out.push(f.name());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const next = f.next_functions.map((e: any) => e[0]).filter((n: any) => n && n.name() !== "AccumulateGrad");
    f = next.length ? next[next.length - 1] : null;
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const FX: Record<string, any> = {"bcast": [0.05962073907273108, [4.998729363186068, -6.063087396169118, 6.8415099281154, 3.144727086322048, -1.9777266103177213, 0.7174564496982223, -8.664394771116772, 8.368433400061836, -7.677816296574051, 6.954964022417247, -7.776975782332802, 8.23222498027751], [0.31768878456443417, 1.0875864711755854, 1.3017430457629249, 0.8507275655346288, -0.6122822350922992, 0.7383095776931909, 1.7116357692159074, 1.810340594094014, -1.2293858007848282, 0.011767062948023432, 1.2469071260242794, 1.844895503995331, 0.5219268985086764, -0.4163319827218198, -1.141851182850171, -1.2839007803850457, 1.57284158937866, 0.4706373461220009, -0.8720558412561006, -1.7691409819998183, 1.8200567519032995, 1.1171177308443847, -0.15665245302765562, -1.350375476738943, -1.1469257658617633, -0.42611859596885526, 0.5124290742465567, 1.1891328257459757, -1.8866470505259827, -1.4860577648418616, -0.3261142423657527, 1.0004689878508, -1.6623187100395413, -1.7866426969228735, -0.9980178512376313, 0.300579824347674, 1.3003077143707864, 1.0933488201477506, 0.3277043360956631, -0.6053923708219572, 1.4246615272875365, 1.890409878062095, 1.3901858527005007, 0.17959676472052283, 0.8210337015797166, 1.7214985598402759, 1.7423023066869594, 0.8728145254004807, -0.9190019472019364, -1.310993014325447, -1.0330854251617514, -0.22728597800684391, -0.3768538873140974, -1.5174237287888093, -1.8826117750699072, -1.285812164171371, 0.35786111226733075, -0.9484726480585597, -1.770150467798425, -1.6873067478758708]], "fold_t": [0.01885837425210618, [4.998729363186069, -6.06308739616912, 6.8415099281154, 3.144727086322048, -1.9777266103177216, 0.7174564496982223], [0.41224868338629445, 0.4766572455510184, 0.29750078119385254, -0.033674322003049026, -0.2576157981973641, 0.07575708388693418, 0.37041918098188065, 0.47580238117099644, -0.7958422960808822, -0.3638538627665018, 0.25405868386407815, 0.7421508812792857, -0.17306515152820376, -0.43085511167311513, -0.46848427979976615, -0.2667246898627274, 0.4480703649915653, 0.22551167541512535, -0.11228025086578557, -0.39269857685998116, 0.840248341577826, 0.7666452257988967, 0.3012973783549074, -0.3180091147090637, -0.13728292816065812, 0.20788496371470452, 0.4468266161417611, 0.45744626648648984, -0.454277989871543, -0.4340498285277466, -0.19202842060281639, 0.14811676031336593, -0.5391435042313425, -0.8541913741890614, -0.7327596843561461, -0.2368982892786085, 0.39118014283614655, 0.10056767053824835, -0.24143344122862012, -0.46006552196745737, 0.2736860918365281, 0.46410629708143836, 0.41737483073696546, 0.1573708028886776, 0.01634236722127727, 0.5904932520352423, 0.862910541198737, 0.6943929010921953, -0.484223726728701, -0.36766678713006884, -0.06323738446831713, 0.2735054160678262, 0.0194457762683356, -0.30332183384978706, -0.4710963305811865, -0.3981473487053791, 0.5131787660648633, -0.08398376718278328, -0.6382317980868473, -0.8663525199463759]], "vec_batched": [0.1187824431626974, [9.99168815064609, -12.120292172730153, 13.6773026173719], [-0.0, -0.0, 0.0, 0.0, -0.36713652187419116, -0.050874846261969156, 0.2913831472385274, 0.4847485252430797, -0.5466715386373674, -0.07575337463566385, 0.4338736789811107, 0.7217974959125358, 0.0, 0.0, 0.0, -0.0, 0.49404800276814903, 0.3399755064277352, 0.012180394910999296, -0.3218387239763022, 0.7356445511202314, 0.5062283976791506, 0.01813678245142964, -0.47922246888175984, -0.0, -0.0, -0.0, 0.0, -0.417806495245712, -0.48927792890770844, -0.3107353475866381, 0.026588546475706718, -0.6221198546052781, -0.7285418428323468, -0.4626893824320073, 0.03959072646274785, 0.0, 0.0, 0.0, 0.0, 0.1697625765944569, 0.43738882168438326, 0.481515642506079, 0.27959486553636503, 0.25277890762863825, 0.6512782191005325, 0.716983687220749, 0.4163207587128838, 0.0, -0.0, -0.0, -0.0, 0.14808786806884178, -0.20564503287699396, -0.4542962669557314, -0.4708086143551019, 0.22050495624203437, -0.3062083988868915, -0.6764536472320936, -0.7010407689742935, -0.0, -0.0, 0.0, 0.0, -0.4050444465939602, -0.11066018062571055, 0.2402698529367372, 0.4684254324251747, -0.6031169814043145, -0.16477459365722347, 0.3577652517994659, 0.6974921769523521, 0.0, 0.0, 0.0, -0.0, 0.49544638001176156, 0.38146182713320304, 0.07255574330134469, -0.2734252863253262, 0.7377267548613866, 0.5680021233131071, 0.10803654080787942, -0.40713416691638726, -0.0, -0.0, -0.0, -0.0, -0.3821203110178032, -0.49540602312032955, -0.35554635185431005, -0.034007586380792945, -0.5689826152470739, -0.7376666628721148, -0.5294136095011093, -0.050637783125542436, 0.0, 0.0, 0.0, 0.0, 0.11166602233079721, 0.4056388114861928, 0.4923359769096366, 0.3274565086137022, 0.16627230636022114, 0.604001999240432, 0.7330953200998954, 0.48758743065615173, 0.0, -0.0, -0.0, -0.0, 0.20470543637607916, -0.14907255136006997, -0.42667660013986086, -0.48625501645664637, 0.30480932624156803, -0.22197116376379838, -0.6353275678167163, -0.7240406829031953]], "addmm": [[-0.5499229497808221, 0.25760330870611603, 0.9334979654440864, 1.1323885299675749, 0.5073230091163282, 0.9203929515362229, 0.8631552761786255, 0.36485761548098883], [-0.04259994066449391, 1.177996260242339, 1.796653241622712, 1.4972461454485637], [8.080531359186566, -8.681632863807868, 8.873308133818291, 7.076005623854311, -5.982048360134882, 4.605977400320278], [1.6489947335451778, 2.9916307807898432, 2.8055863406028134, 1.1859274576762697, -1.0304631927894563, 1.4826952974333394, 3.2382177235577894, 3.3390572657364697, -3.1833691843235288, -0.78387625002151, 2.0161662225669956, 3.785976627867]], "addmv": [[-1.4339190760139668, 1.6793488032099386], [-5.735676304055867, 6.7173952128397545], [0.0, 1.9146102646803222, 2.8508821022234208, -0.0, -2.242315142038772, -3.3388393574972586], [-2.7292644750157637, 1.1895357345353959, 4.500500218447012]], "baddbmm": [[-0.13748073744520553, 0.6485634935427042, 1.1032010670628416, 0.9941186936690958, 0.12683075227908205, 0.8142609042502308, 1.0856153947464766, 0.8022359650474493, 0.09293940963915948, -0.4639444773833749, -0.7837593803648997, -0.7030844637808389, 0.412430062482843, -0.3903031044983726, -0.9935969744039151, -1.0891770191624177], [-0.021299970332246954, 2.92564879558587, 4.377632923618636, 3.59270931743309, 1.010738944244005, -1.7084951637634949, -3.55471270953763, -3.584522965886513], [2.337485727700085, -2.307028225295368, 2.1677711578501406, 2.274702869241819, -2.1383041938158067, 1.9010629870065148, 1.3627068272162255, -1.1252661044131336, 0.8347577765531935, 2.0887917114301437, -1.8710623872057335, 1.5650936683958596], [0.10306217084657361, 0.6616652106806393, 0.882166803212165, 0.6518937923434706, -0.06440394954934102, 0.6087727519145348, 0.9708752950606035, 0.8368744658189908, -0.19896057402022055, 0.2448061348306233, 0.563480414521361, 0.5942242716947493, 0.03219850967437719, 0.32567026164434404, 0.4527291736645078, 0.34844996123560956, 0.26746268498104525, 0.09251883616102635, -0.1297008130242744, -0.285645204130471, 0.36605725845313575, -0.1879083896875724, -0.6458555416339538, -0.7737797607587955]]};
const DBL = [[0.07244505683818235, 1.834332967028534, 0.32590537928298857, 1.2806853509270395, 1.7746685310617192, -0.8952918612902385], [1.3206247456884657, 4.013042975470923, -0.4491376993418922, 1.3206247456884657, 4.013042975470923, -0.4491376993418922], [3.94011892597334, 3.634230493381895, 4.1116876161175435, 3.7744757345864794, 3.1907700228388607, 3.021690888526514]];

describe("matmul grad_fn chains (PyTorch 1.13)", () => {
  const cases: Array<[number[], number[], number[], string[]]> = [
    [[3], [3], [], ["DotBackward0"]],
    [[2, 3], [3], [2], ["MvBackward0"]],
    [[3], [3, 4], [4], ["SqueezeBackward3", "MmBackward0", "UnsqueezeBackward0"]],
    [[2, 3], [3, 4], [2, 4], ["MmBackward0"]],
    [[5, 2, 3], [5, 3, 4], [5, 2, 4], ["UnsafeViewBackward0", "BmmBackward0", "ReshapeAliasBackward0", "ExpandBackward0"]],
    [[5, 2, 3], [3, 4], [5, 2, 4], ["UnsafeViewBackward0", "MmBackward0", "ReshapeAliasBackward0"]],
    [[2, 3], [5, 3, 4], [5, 2, 4], ["CloneBackward0", "TransposeBackward0", "UnsafeViewBackward0", "MmBackward0", "TBackward0"]],
    [[3], [5, 3, 4], [5, 4], ["UnsafeViewBackward0", "MvBackward0", "UnsafeViewBackward0", "CloneBackward0", "TransposeBackward0"]],
    [[2, 1, 2, 3], [5, 3, 4], [2, 5, 2, 4], ["UnsafeViewBackward0", "BmmBackward0", "UnsafeViewBackward0", "CloneBackward0", "ExpandBackward0"]],
    [[1, 2, 3], [4, 1, 3, 2], [4, 1, 2, 2], ["UnsafeViewBackward0", "BmmBackward0", "ReshapeAliasBackward0", "ExpandBackward0"]],
  ];
  for (const [a, b, shape, names] of cases)
    it(`${JSON.stringify(a)} @ ${JSON.stringify(b)}`, () => {
      const z = mk(...a).matmul(mk(...b));
      expect([...z.shape]).toEqual(shape);
      expect(chain(z)).toEqual(names);
    });
  it("a permute(0, 2, 1)-strided operand goes through bmm, not mm", () => {
    const y = mk(5, 4, 3);
    expect(chain(mk(2, 3).matmul(y.mT))).toEqual(["UnsafeViewBackward0", "BmmBackward0", "ReshapeAliasBackward0", "ExpandBackward0", "TransposeBackward0"]);
  });
  it("outer and addmm", () => {
    expect(chain(torch.outer(mk(3), mk(2)))).toEqual(["MulBackward0", "ReshapeAliasBackward0"]);
    expect(torch.addmm(mk(4), mk(2, 3), mk(3, 4)).grad_fn.name()).toBe("AddmmBackward0");
  });
});

describe("matmul values and gradients", () => {
  const check = (key: string, a: Tensor, b: Tensor) => {
    const z = a.matmul(b);
    z.mul(z).sum().backward();
    const [s, ga, gb] = FX[key];
    close([z.sum().item() as number], [s]);
    close(flat(a.grad!), ga);
    close(flat(b.grad!), gb);
  };
  it("broadcast batches", () => check("bcast", mk(2, 1, 2, 3), mk(5, 3, 4)));
  it("2-D @ 3-D folds through the transpose", () => check("fold_t", mk(2, 3), mk(5, 3, 4)));
  it("1-D @ 4-D", () => check("vec_batched", mk(3), mk(2, 5, 3, 4)));
  it("mm second derivative", () => {
    const a = mk(2, 3);
    const b = mk(3, 2);
    a.matmul(b).pow(2).sum().backward({ create_graph: true });
    const g = a.grad!;
    a.grad = null;
    b.grad = null;
    g.sum().backward();
    close(flat(g), DBL[0]);
    close(flat(a.grad!), DBL[1]);
    close(flat(b.grad!), DBL[2]);
  });
  it("addmm / addmv / baddbmm with beta and alpha", () => {
    const run = (key: string, inputs: Tensor[], z: Tensor) => {
      z.mul(z).sum().backward();
      const [vals, ...grads] = FX[key];
      close(flat(z), vals);
      inputs.forEach((t, i) => close(flat(t.grad!), grads[i]));
    };
    let ins = [mk(4), mk(2, 3), mk(3, 4)];
    run("addmm", ins, torch.addmm(...ins, { beta: 0.5, alpha: 2 }));
    ins = [mk(2), mk(2, 3), mk(3)];
    run("addmv", ins, torch.addmv(...ins, { beta: 2, alpha: -1 }));
    ins = [mk(2, 1, 4), mk(2, 2, 3), mk(2, 3, 4)];
    run("baddbmm", ins, torch.baddbmm(...ins, { alpha: 0.5 }));
  });
  it("a transposed operand reads through its strides", () => {
    const a = mk(3, 2).detach();
    const b = mk(3, 4).detach();
    expect(flat(a.t().matmul(b))).toEqual(flat(a.t().contiguous().matmul(b)));
  });
  it("larger than one 4x4 block, ragged edges", () => {
    const a = mk(7, 9).detach();
    const b = mk(9, 6).detach();
    const z = flat(a.matmul(b));
    const av = flat(a);
    const bv = flat(b);
    const want: number[] = [];
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 6; j++) {
        let s = 0;
        for (let k = 0; k < 9; k++) s += av[i * 9 + k]! * bv[k * 6 + j]!;
        want.push(s);
      }
    close(z, want);
  });
});

describe("errors (PyTorch 1.13 wording)", () => {
  const f64 = (...s: number[]): Tensor => torch.ones(s, { dtype: float64 });
  const cases: Array<[string, () => unknown, string]> = [
    ["mm dtypes", () => torch.mm(ones(2, 3), f64(3, 2)), "expected scalar type Float but found Double"],
    ["mm 1-D", () => torch.mm(ones(3), ones(3, 2)), "self must be a matrix"],
    ["mm shapes before dtypes", () => torch.mm(ones(2, 3), f64(2, 2)), "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x2)"],
    ["matmul 0-D", () => torch.matmul(torch.tensor(1), ones(3)), "both arguments to matmul need to be at least 1D, but they are 0D and 1D"],
    ["matmul 1-D dtypes", () => torch.matmul(ones(3), f64(3)), "dot : expected both vectors to have same dtype, but found Float and Double"],
    ["matmul folded mv", () => torch.matmul(ones(5, 2, 3), ones(4)), "size mismatch, got 10, 10x3,4"],
    ["matmul folded transposed", () => torch.matmul(ones(2, 3), ones(5, 4, 2)), "mat1 and mat2 shapes cannot be multiplied (10x4 and 3x2)"],
    ["matmul batched", () => torch.matmul(ones(5, 2, 3), ones(5, 2, 2)), "Expected size for first two dimensions of batch2 tensor to be: [5, 3] but got: [5, 2]."],
    ["dot 2-D", () => torch.dot(ones(3), ones(3, 1)), "1D tensors expected, but got 1D and 2D tensors"],
    ["mv dims", () => torch.mv(ones(2, 3), ones(3, 1)), "vector + matrix @ vector expected, got 1, 2, 2"],
    ["bmm 2-D batch2", () => torch.bmm(ones(2, 3, 4), ones(2, 4)), "batch2 must be a 3D tensor"],
    ["outer 2-D", () => torch.outer(ones(3), ones(2, 3)), "outer: Expected 1-D argument vec2, but got 2-D"],
    ["mm bool", () => torch.mm(ones(2, 3).gt(0), ones(3, 2).gt(0)), `"addmm_impl_cpu_" not implemented for 'Bool'`],
  ];
  for (const [name, fn, message] of cases)
    it(name, () => {
      expect(fn).toThrow(message);
      try {
        fn();
      } catch (e) {
        expect((e as Error).name).toBe("RuntimeError");
        expect((e as Error).message).toBe(message);
      }
    });
});
