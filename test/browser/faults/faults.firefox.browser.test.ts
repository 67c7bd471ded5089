import { firefoxEngine } from "../engines/firefox-engine";
import { faultsSuite } from "./faults-suite";

faultsSuite(firefoxEngine);
