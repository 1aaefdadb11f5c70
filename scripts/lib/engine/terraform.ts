import { $ } from 'zx';
import { StepError } from '../../../stacks/model/errors.ts';

/** The Terraform binary: `TERRAFORM_BINARY_NAME` (as cdktf reads it; `tofu` works), else `terraform`. */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERRAFORM_BINARY_NAME || 'terraform';
}

/** Prints nothing; returns e.g. 'Terraform v1.11.4' or throws a StepError saying how to install it. */
export async function terraformVersion(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const bin = terraformBinary(env);
  const out = await $({ nothrow: true, quiet: true, env })`${bin} version`;
  if (out.exitCode !== 0) {
    throw new StepError(
      'terraform',
      `'${bin}' is not on PATH (or does not run)`,
      bin === 'terraform'
        ? "install Terraform 1.11 from HashiCorp's Debian packages or unpack its release zip into /usr/local/bin; or install OpenTofu and set TERRAFORM_BINARY_NAME=tofu"
        : `install '${bin}' or unset TERRAFORM_BINARY_NAME to use terraform`,
    );
  }
  return out.stdout.split('\n')[0]!.trim();
}
