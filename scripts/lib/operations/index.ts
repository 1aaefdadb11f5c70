export { rotateCa, rotateCertificates } from './rotation.ts';
export type { RotationStepReport } from './rotation.ts';
export { switchSecurity } from './security-switch.ts';
export type { SwitchStepReport } from './security-switch.ts';
