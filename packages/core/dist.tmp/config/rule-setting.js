"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ruleSetting = ruleSetting;
/** How a rule reports in a tier: gitops.yaml's policy first, then the rule's default. */
function ruleSetting(config, tier, rule) {
    return config.policy.tiers[tier]?.rules?.[rule.id] ?? rule.defaults[tier];
}
