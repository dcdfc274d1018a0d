/** The startup family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('startup', [
  {
    code: 'cpu-set-invalid',
    bad: '[compute]\ncpu_dedicated_set = |4-1|\n',
    good: '[compute]\ncpu_dedicated_set = 1-4\n',
  },
  {
    code: 'cpu-sets-overlap',
    bad: '[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = |0-2|\n',
    good: '[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = 0-1\n',
  },
  {
    code: 'vcpu-pin-set-with-dedicated',
    bad: '[DEFAULT]\n|vcpu_pin_set| = 2-7\n[compute]\ncpu_dedicated_set = 2-7\n',
    good: '[compute]\ncpu_dedicated_set = 2-7\n',
  },
  {
    code: 'reserved-host-cpus-with-cpu-sets',
    bad: '[DEFAULT]\nreserved_host_cpus = |2|\n[compute]\ncpu_shared_set = 2-3\n',
    good: '[compute]\ncpu_shared_set = 2-3\n',
  },
  {
    code: 'power-management-without-dedicated', release: '2023.2', point: '28.0.0',
    bad: '[libvirt]\ncpu_power_management = |true|\n',
    good: '[libvirt]\ncpu_power_management = true\n[compute]\ncpu_dedicated_set = 2-7\n',
  },
  {
    code: 'max-disk-devices-zero',
    bad: '[compute]\nmax_disk_devices_to_attach = |0|\n',
    good: '[compute]\nmax_disk_devices_to_attach = -1\n',
  },
  {
    code: 'reserved-huge-pages-invalid',
    bad: '[DEFAULT]\nreserved_huge_pages = |node:0,size:1G,count:4|\n',
    good: '[DEFAULT]\nreserved_huge_pages = node:0,size:1GB,count:4\n',
  },
  {
    code: 'reserved-huge-pages-repeated',
    bad: '[DEFAULT]\nreserved_huge_pages = |node:0,size:2048,count:64|\nreserved_huge_pages = node:0,size:2MB,count:32\n',
    good: '[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:1,size:2MB,count:32\n',
  },
  {
    code: 'cpu-models-without-custom-mode',
    bad: '[libvirt]\ncpu_mode = host-model\ncpu_models = |Cascadelake-Server|\n',
    good: '[libvirt]\ncpu_mode = custom\ncpu_models = Cascadelake-Server\n',
  },
  {
    code: 'cpu-mode-custom-without-models',
    bad: '[libvirt]\ncpu_mode = |custom|\n',
    good: '[libvirt]\ncpu_mode = custom\ncpu_models = Skylake-Server-IBRS\n',
  },
  {
    code: 'cpu-mode-unsupported-virt-type',
    bad: '[libvirt]\nvirt_type = lxc\ncpu_mode = |host-passthrough|\n',
    good: '[libvirt]\nvirt_type = lxc\n',
  },
  {
    code: 'cpu-extra-flags-ignored',
    bad: '[libvirt]\ncpu_mode = none\ncpu_model_extra_flags = |pcid|\n',
    good: '[libvirt]\ncpu_mode = host-model\ncpu_model_extra_flags = pcid\n',
  },
  {
    code: 'live-migration-tunnelled-with-tls',
    bad: '[libvirt]\nlive_migration_tunnelled = |true|\nlive_migration_with_native_tls = true\n',
    good: '[libvirt]\nlive_migration_with_native_tls = true\n',
  },
  {
    code: 'rbd-images-not-raw',
    bad: '[DEFAULT]\nforce_raw_images = |false|\n[libvirt]\nimages_type = rbd\n',
    good: '[libvirt]\nimages_type = rbd\n',
  },
  {
    code: 'file-backed-memory-conflict',
    bad: '[libvirt]\nfile_backed_memory = |1048576|\n',
    good: '[DEFAULT]\nram_allocation_ratio = 1.0\nreserved_host_memory_mb = 0\n[libvirt]\nfile_backed_memory = 1048576\n',
  },
  {
    code: 'swtpm-unsupported-virt-type',
    bad: '[libvirt]\nvirt_type = lxc\nswtpm_enabled = |true|\n',
    good: '[libvirt]\nvirt_type = kvm\nswtpm_enabled = true\n',
  },
  {
    code: 'enforce-multipath-without-multipath',
    bad: '[libvirt]\nvolume_enforce_multipath = |true|\n',
    good: '[libvirt]\nvolume_use_multipath = true\nvolume_enforce_multipath = true\n',
  },
  {
    code: 'vcpu-pin-set-with-shared-set',
    bad: '[DEFAULT]\nvcpu_pin_set = 4-15\n[compute]\ncpu_shared_set = |0-3|\n',
    good: '[compute]\ncpu_shared_set = 4-15\n',
  },
  {
    code: 'power-management-cpu0-ignored',
    bad: '[compute]\ncpu_dedicated_set = |0-7|\n[libvirt]\ncpu_power_management = true\n',
    good: '[compute]\ncpu_dedicated_set = 1-7\n[libvirt]\ncpu_power_management = true\n',
  },
  {
    code: 'weight-setting-item-ignored',
    bad: '[metrics]\nweight_setting = |cpu.percent:1.0|, memory.used=-1\n',
    good: '[metrics]\nweight_setting = cpu.percent=1.0, memory.used=-1\n',
  },
  {
    code: 'mdev-address-duplicate',
    bad: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = |0000:84:00.0|\n',
    good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0\n',
  },
  {
    code: 'mdev-address-invalid',
    bad: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = |84:00.0|\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0\n',
    good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0\n',
  },
  {
    code: 'mdev-type-dropped',
    bad: '[devices]\nenabled_mdev_types = |nvidia-35, nvidia-36|\n',
    good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0\n',
  },
]);
