import { webkitEngine } from "../engines/webkit-engine";
import { faultsSuite } from "./faults-suite";

faultsSuite(webkitEngine);
