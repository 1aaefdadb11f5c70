import { describe, expect, it } from 'vitest';
import { DOCKER_PROVIDER, mirroredBinary, recipeHashOf, renderCliConfig, terraformEnv } from '../../../scripts/lib/providers.ts';

describe('provider mirror', () => {
  it('writes a CLI config that takes built providers from the mirror only', () => {
    const text = renderCliConfig('/cache/mirror', [DOCKER_PROVIDER]);
    expect(text).toContain('path    = "/cache/mirror"');
    expect(text).toContain('include = ["registry.terraform.io/kreuzwerker/docker"]');
    expect(text).toContain('exclude = ["registry.terraform.io/kreuzwerker/docker"]');
  });

  it('places the binary in the unpacked mirror layout under its mirrored version', () => {
    expect(mirroredBinary(DOCKER_PROVIDER)).toMatch(
      /terraform-mirror\/registry\.terraform\.io\/kreuzwerker\/docker\/4\.6\.0\/linux_amd64\/terraform-provider-docker_v4\.6\.0$/,
    );
  });

  it('builds kreuzwerker from a wrapper that replaces the old module path', () => {
    expect(DOCKER_PROVIDER.goMod).toContain(
      'replace github.com/terraform-providers/terraform-provider-docker => github.com/kreuzwerker/terraform-provider-docker v0.0.0-20260916201441-96d331c98ff4',
    );
    expect(recipeHashOf(DOCKER_PROVIDER)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('points terraform at the project CLI config, never the user one', () => {
    const env = terraformEnv({ HOME: '/root', TF_CLI_CONFIG_FILE: '/root/.terraformrc' });
    expect(env.TF_CLI_CONFIG_FILE).toMatch(/\.kafkalab\/terraform\.rc$|terraform\.rc$/);
    expect(env.TF_CLI_CONFIG_FILE).not.toBe('/root/.terraformrc');
    expect(env.CHECKPOINT_DISABLE).toBe('1');
  });
});
