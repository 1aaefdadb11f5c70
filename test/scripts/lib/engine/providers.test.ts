import { describe, expect, it } from 'vitest';
import {
  DOCKER_PROVIDER,
  KAFKA_PROVIDER,
  PROVIDERS,
  mirroredBinary,
  recipeHashOf,
  renderCliConfig,
  terraformEnv,
} from '../../../../scripts/lib/engine/providers.ts';

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

  it('mirrors the three providers and takes every other provider from the registry', () => {
    expect(PROVIDERS.map((p) => `${p.source}@${p.version}`)).toEqual(['kreuzwerker/docker@4.6.0', 'mongey/kafka@0.13.1', 'mongey/kafka-connect@0.5.0']);
    const text = renderCliConfig('/cache/mirror', PROVIDERS);
    expect(text).toContain('include = ["registry.terraform.io/kreuzwerker/docker", "registry.terraform.io/mongey/kafka", "registry.terraform.io/mongey/kafka-connect"]');
    expect(text).toContain('exclude = ["registry.terraform.io/kreuzwerker/docker", "registry.terraform.io/mongey/kafka", "registry.terraform.io/mongey/kafka-connect"]');
    expect(mirroredBinary(KAFKA_PROVIDER)).toMatch(
      /terraform-mirror\/registry\.terraform\.io\/mongey\/kafka\/0\.13\.1\/linux_amd64\/terraform-provider-kafka_v0\.13\.1$/,
    );
  });

  it('builds mongey/kafka from a wrapper that copies its thrift replace', () => {
    expect(KAFKA_PROVIDER.buildPackage).toBe('github.com/Mongey/terraform-provider-kafka');
    expect(KAFKA_PROVIDER.goMod).toContain('require github.com/Mongey/terraform-provider-kafka v0.13.1');
    expect(KAFKA_PROVIDER.goMod).toContain(
      'replace git.apache.org/thrift.git => github.com/apache/thrift v0.0.0-20180902110319-2566ecd5d999',
    );
  });

  it('hashes only the build inputs, so a progress estimate does not force a rebuild', () => {
    expect(recipeHashOf({ ...DOCKER_PROVIDER, coldBuild: 'whatever' })).toBe(recipeHashOf(DOCKER_PROVIDER));
    expect(recipeHashOf(DOCKER_PROVIDER)).toBe('d5a3b1430931');
    expect(recipeHashOf(KAFKA_PROVIDER)).not.toBe(recipeHashOf(DOCKER_PROVIDER));
  });

  it('points terraform at the project CLI config, never the user one', () => {
    const env = terraformEnv({ HOME: '/root', TF_CLI_CONFIG_FILE: '/root/.terraformrc' });
    expect(env.TF_CLI_CONFIG_FILE).toMatch(/\.kafkalab\/terraform\.rc$|terraform\.rc$/);
    expect(env.TF_CLI_CONFIG_FILE).not.toBe('/root/.terraformrc');
    expect(env.CHECKPOINT_DISABLE).toBe('1');
  });
});
