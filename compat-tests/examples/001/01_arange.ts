// Seed 001 (OneFlow d2l 2.5.1), cell 1: the vector x to differentiate against.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

const x = flow.arange(4, { dtype: flow.float32 }); // 注意end参数是int类型 (note: end is an int)
print(x); // the notebook displays the cell's last expression (its repr)
