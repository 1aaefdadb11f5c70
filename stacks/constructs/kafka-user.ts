import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import { UserScramCredential } from '../../.gen/providers/kafka/user-scram-credential/index.ts';
import { passwordVariable, type ResolvedUser } from '../model/access.ts';
import { terraformName } from './access-names.ts';

export interface KafkaUserProps {
  readonly user: ResolvedUser;
  /**
   * Changes whenever the password does (e.g. a hash of the password file), so Terraform knows
   * to write a new one: the password itself is write-only and never compared. @default '1'
   */
  readonly passwordVersion?: string;
}

/**
 * A user. SCRAM: the provider's `kafka_user_scram_credential`, its password in `password_wo`
 * (write-only: never stored in state) from an ephemeral, sensitive variable supplied at apply
 * time as `TF_VAR_scram_password_<user>`, so it is in neither the synthesized JSON nor the state.
 * Certificate (mtls): the principal is the certificate's CN, issued by the PKI; no resource.
 */
export class KafkaUser extends Construct {
  readonly principal: string;
  readonly credential?: UserScramCredential;
  readonly passwordVariable?: TerraformVariable;

  constructor(scope: Construct, id: string, props: KafkaUserProps) {
    super(scope, id);
    const u = props.user;
    this.principal = u.principal;
    if (u.credential !== 'scram') return;
    this.passwordVariable = new TerraformVariable(this, 'password', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `SCRAM password of user ${u.name}: set TF_VAR_${passwordVariable(u.name)} (deploy reads it from the cluster's secrets folder)`,
    });
    this.passwordVariable.overrideLogicalId(passwordVariable(u.name));
    // Ephemeral (Terraform 1.10+): kept out of plan files too. cdktf 0.21 has no option for it.
    this.passwordVariable.addOverride('ephemeral', true);
    this.credential = new UserScramCredential(this, 'scram', {
      username: u.name,
      scramMechanism: u.mechanism ?? 'SCRAM-SHA-512',
      passwordWo: this.passwordVariable.stringValue,
      passwordWoVersion: props.passwordVersion ?? '1',
    });
    this.credential.overrideLogicalId(terraformName(u.name));
  }
}
