import { describe, expect, it } from 'vitest';
import { baseImageTag } from '../../../../../scripts/lib/engine/image/base-image.ts';
import { kafkaImageTag } from '../../../../../scripts/lib/engine/image/kafka-image.ts';
import { baseRecipeHash, recipeHash } from '../../../../../scripts/lib/engine/image/recipe.ts';

describe('tags', () => {
  it('formats the tags', () => {
    expect(kafkaImageTag('4.4.0')).toBe(`kafkalab/kafka:4.4.0-${recipeHash('4.4.0')}`);
    expect(kafkaImageTag('3.9.1')).toMatch(/^kafkalab\/kafka:3\.9\.1-[0-9a-f]{12}$/);
    expect(baseImageTag()).toBe(`kafkalab/base:bookworm-jre17-${baseRecipeHash()}`);
  });
});
