/**
 * The instance object of Vultr API v2 as the fake keeps it.
 * Shape from https://www.vultr.com/api/#tag/instances (Instance schema).
 */
export interface FakeInstance {
  id: string;
  os: string;
  ram: number;
  disk: number;
  main_ip: string;
  vcpu_count: number;
  region: string;
  plan: string;
  date_created: string;
  /** "pending" | "active" | "suspended" | "resizing" */
  status: string;
  allowed_bandwidth: number;
  netmask_v4: string;
  gateway_v4: string;
  /** "running" | "stopped" */
  power_status: string;
  /** "none" | "locked" | "installingbooting" | "ok" */
  server_status: string;
  v6_network: string;
  v6_main_ip: string;
  v6_network_size: number;
  label: string;
  internal_ip: string;
  kvm: string;
  hostname: string;
  tag: string;
  tags: string[];
  os_id: number;
  app_id: number;
  image_id: string;
  firewall_group_id: string;
  features: string[];
  user_scheme: string;
}

/** Fake-side bookkeeping around an instance (never sent on the wire). */
export interface InstanceRecord {
  instance: FakeInstance;
  createdAtMs: number;
  /** base64 cloud-init user data as received. */
  userData: string;
  /** The loopback address this instance "owns" (its main_ip once active). */
  address: string;
}
