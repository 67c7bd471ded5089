import { firefoxEngine } from "../engines/firefox-engine";
import { hostileContentSuite } from "./hostile-content-suite";

hostileContentSuite(firefoxEngine);
