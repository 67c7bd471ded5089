import { chromiumEngine } from "../engines/chromium-engine";
import { faultsSuite } from "./faults-suite";

faultsSuite(chromiumEngine);
